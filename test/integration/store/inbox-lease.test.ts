import { beforeEach, describe, expect, it } from 'vitest';
import { createInboxStore } from '../../../src/store/inbox-store.ts';
import type { InboxStore } from '../../../src/usecases/ports.ts';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';

const at = (second: number) => new Date(Date.UTC(2026, 11, 5, 10, 0, second));
const lease = (owner: string, second: number) => ({ owner, now: at(second), until: at(second + 15) });

describe.each(DATABASE_KINDS)('inbox entries leased to one replica at a time, on %s', (kind) => {
  const t = tempDatabase('inbox-lease', kind);
  let inbox: InboxStore;
  beforeEach(async () => {
    inbox = createInboxStore(t.db);
    for (const key of ['e1', 'e2', 'e3'])
      await inbox.append({
        source: 'slack',
        dedupeKey: key,
        kind: 'event',
        body: '{}',
        receivedAt: at(0),
        retryNum: 0,
      });
  });
  const keys = (entries: { dedupeKey: string }[]) => entries.map((e) => e.dedupeKey);

  it('hands a pending entry to one replica: the other gets it only once the lease ran out', async () => {
    expect(keys(await inbox.claimPending(2, lease('a', 1)))).toEqual(['e1', 'e2']);
    expect(keys(await inbox.claimPending(10, lease('b', 2)))).toEqual(['e3']);
    // Just before a's lease ends b gets nothing more; at its end still nothing; just after, a's two.
    expect(keys(await inbox.claimPending(10, lease('b', 15)))).toEqual(['e3']);
    expect(keys(await inbox.claimPending(10, lease('c', 16)))).toEqual([]);
    expect(keys(await inbox.claimPending(10, lease('c', 17)))).toEqual(['e1', 'e2']);
  });

  it('lets the holder take its own entries again (its retries), and never hands out a done one', async () => {
    const [first] = await inbox.claimPending(1, lease('a', 1));
    expect(keys(await inbox.claimPending(10, lease('a', 2)))).toEqual(['e1', 'e2', 'e3']);
    await inbox.markDone(first!.id, 'handled', at(3));
    expect(keys(await inbox.claimPending(10, lease('b', 40)))).toEqual(['e2', 'e3']);
  });

  it('claims one entry for an inline answer unless another replica holds it', async () => {
    const [e1] = await inbox.claimPending(1, lease('a', 1));
    expect(await inbox.claim(e1!.id, lease('b', 2))).toBe(false);
    expect(await inbox.claim(e1!.id, lease('a', 2))).toBe(true);
    expect(await inbox.claim(e1!.id, lease('b', 18))).toBe(true);
    await inbox.markDone(e1!.id, 'handled', at(19));
    expect(await inbox.claim(e1!.id, lease('b', 20))).toBe(false);
  });
});
