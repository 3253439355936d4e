import { describe, expect, it } from 'vitest';
import type { NewSlaVersion, SlaVersion } from '../../../src/domain/sla-page/index.ts';
import { manualClock } from '../../../src/engine/clock.ts';
import { publishSlaVersion } from '../../../src/usecases/publish-sla-version.ts';
import type { SlaVersionStore } from '../../../src/usecases/sla-ports.ts';
import { exampleSlaContent } from '../../support/sla-content.ts';

/** An in-memory store with the port's contract: append refuses a number already taken. */
function memoryStore(): SlaVersionStore & { rows: SlaVersion[]; beforeAppend?: () => Promise<void> } {
  const store = {
    rows: [] as SlaVersion[],
    beforeAppend: undefined as (() => Promise<void>) | undefined,
    async list() {
      return [...store.rows];
    },
    async get(n: number) {
      return store.rows.find((r) => r.version === n);
    },
    async append(latest: number, next: NewSlaVersion) {
      const hook = store.beforeAppend;
      store.beforeAppend = undefined;
      await hook?.();
      if (store.rows.some((r) => r.version === latest + 1)) return undefined;
      const row = { ...next, version: latest + 1 };
      store.rows.push(row);
      return row;
    },
  };
  return store;
}

describe('publishSlaVersion', () => {
  const clock = manualClock(new Date('2026-11-25T12:00:00Z'));

  it('re-reads after losing the race and stores nothing when the winner published the same content', async () => {
    const versions = memoryStore();
    await publishSlaVersion({ versions, content: exampleSlaContent(), clock });
    const changed = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 45;
    });
    versions.beforeAppend = async () => {
      await publishSlaVersion({ versions, content: changed, clock });
    };
    expect(await publishSlaVersion({ versions, content: changed, clock })).toBeUndefined();
    expect(versions.rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('re-plans against the winner when it published different content', async () => {
    const versions = memoryStore();
    await publishSlaVersion({ versions, content: exampleSlaContent(), clock });
    const other = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 45;
    });
    const ours = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 45;
      c.contract.creditCapPercent = 50;
    });
    versions.beforeAppend = async () => {
      await publishSlaVersion({ versions, content: other, clock });
    };
    const stored = await publishSlaVersion({ versions, content: ours, clock });
    expect(stored?.version).toBe(3);
    expect(stored?.diff).toEqual([{ path: 'credits.capPercent', before: 100, after: 50 }]);
    expect(stored?.effectiveAt).toEqual(new Date('2027-01-24T12:00:00Z'));
  });
});
