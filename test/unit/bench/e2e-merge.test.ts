import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeParts } from '../../../bench/e2e/merge.ts';

describe('a rerun of some end-to-end parts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-merge-'));
  afterEach(() => rmSync(join(dir, 'end-to-end.json'), { force: true }));
  const file = join(dir, 'end-to-end.json');
  const old = {
    run: { commit: 'old' },
    settings: { runs: 5, soak: { seconds: 600 }, faults: { ratio: 0.3 }, pagerduty: { downSeconds: 120 } },
    runs: ['old runs'],
    faults: { slack429: 'old 429', slack5xx: 'old 5xx', pagerdutyDown: 'old pd' },
    soak: 'old soak',
  };

  it('replaces only those parts and their settings, and records their run', () => {
    writeFileSync(file, JSON.stringify(old));
    const fresh = {
      run: { commit: 'new' },
      settings: { runs: 1, soak: { seconds: 300 }, faults: { ratio: 0.5 }, pagerduty: { downSeconds: 1 } },
      faults: { slack429: 'new 429', slack5xx: 'new 5xx' },
      soak: 'new soak',
    };
    expect(mergeParts(file, fresh, new Set(['faults', 'soak']))).toEqual({
      ...old,
      settings: { ...old.settings, soak: { seconds: 300 }, faults: { ratio: 0.5 } },
      faults: { slack429: 'new 429', slack5xx: 'new 5xx', pagerdutyDown: 'old pd' },
      soak: 'new soak',
      partRuns: { faults: { commit: 'new' }, soak: { commit: 'new' } },
    });
  });

  it('is the fresh report when there is nothing to merge into, and refuses an unknown part', () => {
    const fresh = { run: { commit: 'new' }, soak: 'new soak' };
    expect(mergeParts(file, fresh, new Set(['soak']))).toBe(fresh);
    writeFileSync(file, JSON.stringify(old));
    expect(() => mergeParts(file, fresh, new Set(['sooak']))).toThrow(/unknown end-to-end part: sooak/);
  });
});
