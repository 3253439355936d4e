import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/load-config.ts';
import { loadRunbooks } from '../../../src/config/load-runbooks.ts';
import { projectRoot } from '../../support/harness.ts';

describe('loading the runbooks', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const copy = () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-runbooks-'));
    for (const s of ['s1', 's2', 's3', 's4'])
      cpSync(join(projectRoot, 'runbooks', `${s}.yaml`), join(dir, `${s}.yaml`));
    return dir;
  };

  it('accepts the shipped runbooks with the default S1 offsets', () => {
    const runbooks = loadRunbooks(copy());
    expect(runbooks.S1.steps.map((s) => [s.id, s.at.after, s.at.minutes])).toEqual([
      ['page', 'start', 0],
      ['ack-expected', 'start', 5],
      ['repage', 'start', 15],
      ['incident-channel', 'start', 15],
      ['status-investigating', 'start', 15],
      ['engaged', 'acknowledged', 30],
      ['scope-assessment', 'start', 30],
      ['manager', 'start', 60],
      ['vp-and-success', 'start', 120],
    ]);
  });

  it('stops with the file, the key and the problem when a step is wrong', () => {
    const d = copy();
    writeFileSync(
      join(d, 's2.yaml'),
      'severity: S2\nsteps:\n  - id: page\n    title: Page\n    at: { minutes: -5 }\n    action: page-oncall\n  - id: boss\n    title: Boss\n    at: { minutes: 60 }\n    action: escalate\n',
    );
    const error = (() => {
      try {
        loadRunbooks(d);
      } catch (e) {
        return e;
      }
    })() as ConfigError;
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('s2.yaml');
    expect(error.message).toMatch(/steps\.0\.at\.minutes/);
    expect(error.message).toMatch(/steps\.1\.targets: escalate needs at least one target/);
  });

  it('refuses a file whose severity is not its own', () => {
    const d = copy();
    writeFileSync(
      join(d, 's3.yaml'),
      'severity: S4\nsteps:\n  - { id: x, title: X, at: { minutes: 1 }, action: notify-triage }\n',
    );
    expect(() => loadRunbooks(d)).toThrow(/says S4, but the file is the S3 runbook/);
  });
});
