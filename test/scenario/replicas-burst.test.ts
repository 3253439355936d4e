import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, startEmulator, startPagerDuty } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';
import { createTestDatabase } from '../support/postgres-database.ts';
import { countIn, spawnTplus, type TplusProcess } from '../support/process.ts';
import { pagerDutyEnv, rowsIn, sendAsSlack, testSeed, type Delivery } from '../support/replicas.ts';

const TICKETS = 1000;
const REPLICAS = 3;
/** Requests in flight at once, as Slack's event delivery fans out. */
const CONCURRENCY = 24;
const KILL_AFTER = TICKETS / 2;

describe('a 1,000-ticket burst over three tplus replicas on PostgreSQL, one killed with SIGKILL in the middle', () => {
  let slack: SlackEmulator;
  let pagerduty: PagerDutyEmulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const replicas: TplusProcess[] = [];
  beforeAll(async () => {
    slack = await startEmulator();
    pagerduty = await startPagerDuty();
    database = await createTestDatabase('replicas_burst');
  });
  afterAll(async () => {
    for (const p of replicas) await p.kill9();
    await slack?.close();
    await pagerduty?.close();
    await database?.drop();
  });

  it('files every ticket exactly once: acknowledged ones and those Slack retried after the kill', async () => {
    const seed = testSeed();
    const start = (i: number) =>
      spawnTplus({
        databaseUrl: database.url,
        slackApiUrl: slack.apiUrl,
        extraEnv: { TPLUS_REPLICA_ID: `replica-${i}`, ...pagerDutyEnv(pagerduty) },
      });
    replicas.push(...(await Promise.all(Array.from({ length: REPLICAS }, (_, i) => start(i)))));
    const victim = replicas[1] as TplusProcess;

    // The load balancer keeps sending to the killed replica (it has not noticed yet): those
    // connections fail and Slack retries the same event, with X-Slack-Retry-Num, on the next one.
    let turn = 0;
    const balancer = () => replicas[turn++ % REPLICAS];
    const eventIds = Array.from({ length: TICKETS }, (_, n) => `Ev${seed}B${String(n).padStart(4, '0')}`);
    const deliveries: Delivery[] = [];
    let next = 0;
    let acked = 0;
    let killed: Promise<void> | undefined;
    const deadline = Date.now() + 60_000;
    const sender = async () => {
      for (let n = next++; n < TICKETS; n = next++) {
        const delivery = await sendAsSlack(
          balancer,
          mentionEvent({
            eventId: eventIds[n],
            text: `How do I export last month's invoices as CSV? (seed ${seed}, question #${n})`,
          }),
          { deadline },
        );
        deliveries[n] = delivery;
        if (delivery.isAcked) acked += 1;
        // In the middle of the burst, with requests in flight on every replica.
        if (acked === KILL_AFTER) killed = victim.kill9();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, sender));
    await killed;
    expect(victim.child.signalCode).toBe('SIGKILL');

    // Every event was acknowledged in the end; some only after a retry on another replica.
    expect(deliveries.filter((d) => !d.isAcked)).toEqual([]);
    const retried = deliveries.filter((d) => d.answers.length > 1);
    expect(retried.length).toBeGreaterThan(0);
    // Only connections to the killed replica failed: the survivors never refused an event.
    expect(deliveries.flatMap((d) => d.answers).filter((status) => status !== 200 && status !== 0)).toEqual([]);

    // The survivors process what the killed replica had committed but not processed.
    await eventually(
      async () => {
        const tickets = await countIn(database.url, 'SELECT count(*) AS n FROM "Ticket"');
        const pending = await countIn(database.url, `SELECT count(*) AS n FROM "InboxEvent" WHERE "state" = 'pending'`);
        return tickets >= TICKETS && pending === 0 ? true : undefined;
      },
      { timeoutMs: 85_000, intervalMs: 1000 },
    );
    const inbox = await rowsIn<{ dedupeKey: string; state: string }>(
      database.url,
      `SELECT "dedupeKey", "state" FROM "InboxEvent" WHERE "source" = 'slack' ORDER BY "dedupeKey"`,
    );
    const expected = eventIds.map((id) => `slack:event:${id}`).sort();
    expect(inbox.map((e) => e.dedupeKey)).toEqual(expected);
    expect(inbox.filter((e) => e.state !== 'done')).toEqual([]);
    // 0 lost, 0 duplicates: one ticket per event, and no question filed under two keys.
    const tickets = await rowsIn<{ inboxKey: string; description: string }>(
      database.url,
      'SELECT "inboxKey", "description" FROM "Ticket" ORDER BY "inboxKey"',
    );
    expect(tickets.map((t) => t.inboxKey)).toEqual(expected);
    const questions = tickets.map((t) => /question #(\d+)/.exec(t.description)?.[1]);
    expect(new Set(questions).size).toBe(TICKETS);
    expect(questions.includes(undefined)).toBe(false);
    // Every post delivered, each exactly once, also those the killed replica held leases on: the
    // survivors take them over once the leases run out and look for them in Slack first.
    await eventually(
      async () =>
        (await countIn(database.url, `SELECT count(*) AS n FROM "OutboxMessage" WHERE "state" = 'pending'`)) === 0,
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const outbox = await rowsIn<{ key: string; kind: string; state: string }>(
      database.url,
      'SELECT "key", "kind", "state" FROM "OutboxMessage" ORDER BY "id"',
    );
    expect(outbox.filter((o) => o.state !== 'delivered')).toEqual([]);
    const posted = slack.calls
      .filter((c) => c.method === 'chat.postMessage' && c.response?.ok)
      .map((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '');
    const counts = new Map<string, number>();
    for (const key of posted) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts].filter(([, n]) => n > 1)).toEqual([]);
    expect([...counts.keys()].sort()).toEqual(
      outbox
        .filter((o) => o.kind === 'slack.post')
        .map((o) => o.key)
        .sort(),
    );
  }, 115_000);
});
