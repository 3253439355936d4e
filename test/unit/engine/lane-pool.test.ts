import { describe, expect, it } from 'vitest';
import { createLanePool } from '../../../src/engine/lane-pool.ts';

/** Items that finish when the test says so. */
function gated() {
  const gates = new Map<string, () => void>();
  const log: string[] = [];
  const run = (item: string) =>
    new Promise<void>((resolve) => {
      log.push(`start ${item}`);
      gates.set(item, () => {
        log.push(`end ${item}`);
        resolve();
      });
    });
  const finish = async (item: string) => {
    gates.get(item)?.();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, finish, log };
}
/** Two slots; an item's lane is its first letter. */
const twoSlots = (g: ReturnType<typeof gated>) =>
  createLanePool<string>({ concurrency: 2, laneOf: (i) => i[0] as string, run: g.run, onError: () => {} });
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('lane pool', () => {
  it("runs a lane's items in order, one at a time, and lanes side by side up to the limit", async () => {
    const g = gated();
    const pool = twoSlots(g);
    pool.add(['a1', 'b1', 'a2', 'c1']);
    await flush();
    expect(g.log).toEqual(['start a1', 'start b1']);
    await g.finish('a1');
    expect(g.log.slice(2)).toEqual(['end a1', 'start a2']);
    await g.finish('b1');
    expect(g.log.slice(4)).toEqual(['end b1', 'start c1']);
    await g.finish('a2');
    await g.finish('c1');
    await pool.idle();
    expect(pool.isBusy).toBe(false);
  });

  it('has room while a stuck lane holds one slot, and queues later items of that lane behind it', async () => {
    const g = gated();
    const pool = twoSlots(g);
    pool.add(['a1']);
    let hasRoom = false;
    void pool.room().then(() => (hasRoom = true));
    await flush();
    expect(hasRoom).toBe(true);
    pool.add(['b1', 'a2', 'c1']);
    hasRoom = false;
    void pool.room().then(() => (hasRoom = true));
    await flush();
    // b1 took the second slot; c1 waits for one, so there is no room yet.
    expect(g.log).toEqual(['start a1', 'start b1']);
    expect(hasRoom).toBe(false);
    await g.finish('b1');
    expect(g.log).toContain('start c1');
    expect(hasRoom).toBe(false);
    // Once c1 is done only the stuck lane runs: room for more, though a1 has not returned.
    await g.finish('c1');
    expect(hasRoom).toBe(true);
    // a2 still waits behind the stuck a1.
    expect(g.log).not.toContain('start a2');
    await g.finish('a1');
    expect(g.log.at(-1)).toBe('start a2');
  });

  it('goes on with the next item of a lane when one throws, and reports it', async () => {
    const errors: string[] = [];
    const ran: string[] = [];
    const pool = createLanePool<string>({
      concurrency: 1,
      laneOf: () => 'one',
      run: async (item) => {
        if (item === 'bad') throw new Error('store down');
        ran.push(item);
      },
      onError: (error, item) => errors.push(`${item}: ${(error as Error).message}`),
    });
    pool.add(['bad', 'good']);
    await pool.idle();
    expect(errors).toEqual(['bad: store down']);
    expect(ran).toEqual(['good']);
  });
});
