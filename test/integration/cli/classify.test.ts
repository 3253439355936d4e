import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/harness.ts';

function classify(input: string) {
  const run = spawnSync(process.execPath, [join(projectRoot, 'bin/tplus.mjs'), 'classify'], {
    cwd: projectRoot,
    input,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
  });
  return {
    status: run.status,
    lines: run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: run.stderr,
  };
}

describe('tplus classify', () => {
  it('answers one JSON line per message with severity, confidence, possible S1 and reason', () => {
    const { status, lines } = classify(
      `${JSON.stringify({ text: 'Nothing loads for any of our 400 users since 09:00, every API call returns 503.' })}\n` +
        `${JSON.stringify({ text: 'Is there a way to change the date format in the CSV export?' })}\n`,
    );
    expect(status).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ severity: 'S1', possibleS1: false });
    expect(lines[1]).toMatchObject({ severity: 'S4', possibleS1: false });
    for (const line of lines) {
      expect(Object.keys(line).sort()).toEqual(['confidence', 'possibleS1', 'reason', 'severity']);
      expect(line.confidence).toBeGreaterThan(0.25);
      expect(line.confidence).toBeLessThanOrEqual(1);
      expect(String(line.reason)).toMatch(/^S[1-4] /);
    }
  });

  it('gives a bad line a clear error line and classifies the rest of the stream', () => {
    const huge = JSON.stringify({ text: 'x'.repeat(1024 * 1024) });
    const { status, lines, stderr } = classify(
      [
        'this is not json',
        JSON.stringify({ text: '   ' }),
        JSON.stringify({ message: 'no text key' }),
        huge,
        JSON.stringify({ text: 'The login page has a typo: "Pasword".' }),
      ].join('\n') + '\n',
    );
    expect(status).toBe(1);
    expect(lines.map((l) => l.error ?? l.severity)).toEqual([
      expect.stringMatching(/^line 1: not JSON/),
      'line 2: "text" is empty',
      'line 3: each line must be an object with a string "text"',
      expect.stringMatching(/^line 4: .*40000/),
      'S4',
    ]);
    expect(stderr.trim().split('\n')).toHaveLength(4);
  });
});
