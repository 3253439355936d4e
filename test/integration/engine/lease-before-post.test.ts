import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxDispatcher } from '../../../src/engine/outbox-dispatcher.ts';
import type { SlackEmulator } from '../../../src/sandbox/slack-emulator/index.ts';
import { createDeliveryClient } from '../../../src/slack/delivery-client.ts';
import { createOutboxStore } from '../../../src/store/outbox-store.ts';
import { createTicketStore } from '../../../src/store/ticket-store.ts';
import { writeOutboxEffects } from '../../../src/store/write-outbox.ts';
import { BOT_TOKEN, ids, startEmulator } from '../../support/harness.ts';
import { tempDatabase } from '../../support/temp-database.ts';

const LEASE_MS = 15_000;
const start = new Date(Date.UTC(2026, 11, 5, 10, 0, 0));

/**
 * One replica claims a Slack post, then stalls in its render (a slow look-up, or a process paused)
 * while the wall clock moves `stalledMs`; `takeOver` lets the other replica claim the row once
 * its lease has run out. Returns what reached Slack and the other replica's claim.
 */
async function postAfterStall(emulator: SlackEmulator, db: ReturnType<typeof tempDatabase>['db'], stalledMs: number) {
  let wall = start;
  const outbox = createOutboxStore(db.prisma);
  await db.prisma.$transaction((tx) =>
    writeOutboxEffects(
      tx,
      [{ kind: 'slack.post', key: 'card:1', channel: ids.triage, message: { view: 'text', data: { text: 'x' } } }],
      start,
    ),
  );
  let entered!: () => void;
  const rendering = new Promise<void>((resolve) => (entered = resolve));
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const dispatcher = createOutboxDispatcher({
    outbox,
    clock: { now: () => wall },
    logger: pino({ level: 'silent' }),
    deliverers: {
      client: createDeliveryClient({ token: BOT_TOKEN, apiUrl: emulator.apiUrl }),
      tickets: createTicketStore(db.prisma),
      render: async () => {
        entered();
        await gate;
        return { text: 'A ticket card', blocks: [] };
      },
    },
    options: { wallNow: () => wall, leaseMs: LEASE_MS, callTimeoutMs: 10_000 },
  });
  expect(await dispatcher.runOnce()).toBe(1);
  await rendering;
  wall = new Date(start.getTime() + stalledMs);
  const taken = await outbox.claimDue(wall, 10, { now: wall, until: new Date(wall.getTime() + LEASE_MS) });
  finish();
  await dispatcher.idle();
  return { posts: emulator.callsTo('chat.postMessage').length, taken, outbox, wall };
}

describe('the lease is checked again right before a Slack post', () => {
  let emulator: SlackEmulator;
  const t = tempDatabase('lease-before-post');
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(async () => emulator.close());

  it('posts once when the lease, renewed after a slow render, is still its own', async () => {
    const before = emulator.callsTo('chat.postMessage').length;
    // 8 s into a 15 s lease: less than a call's timeout is left, so it is renewed, then used.
    const { posts, taken } = await postAfterStall(emulator, t.db, 8_000);
    expect(taken).toEqual([]);
    expect(posts - before).toBe(1);
  });

  it('leaves the post to the replica that took the row over while it was stalled', async () => {
    const before = emulator.callsTo('chat.postMessage').length;
    const { posts, taken, outbox, wall } = await postAfterStall(emulator, t.db, LEASE_MS + 5_000);
    expect(taken.map((item) => item.key)).toEqual(['card:1']);
    expect(posts - before).toBe(0);
    // The row is still the other replica's to deliver and record.
    expect(await outbox.markDelivered(taken[0]!, { channel: ids.triage, ts: '1.000001' }, wall)).toBe(true);
  });
});
