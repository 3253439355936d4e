import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/harness.ts';

const dir = mkdtempSync(join(tmpdir(), 'tplus-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tplus train', () => {
  it('reproduces the committed model file byte for byte from the corpus', { timeout: 240_000 }, () => {
    const out = join(dir, 'severity.json');
    const run = spawnSync(
      process.execPath,
      [join(projectRoot, 'bin/tplus.mjs'), 'train', '--corpus-only', '--out', out],
      {
        cwd: projectRoot,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
      },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/after, on the frozen test split: \d+ messages\n {2}accuracy/);
    expect(run.stdout).toMatch(/trained on \d+ corpus messages and 0 corrections/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(projectRoot, 'models/severity.json'), 'utf8'));
  });
});
