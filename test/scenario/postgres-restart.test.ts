import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, startEmulator, startPagerDuty } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';
import { createTestDatabase } from '../support/postgres-database.ts';
import { startPostgres, type PostgresServer } from '../support/postgres-server.ts';
import { countIn, spawnTplus, type TplusProcess } from '../support/process.ts';
import {
  healthOf,
  isAlive,
  pagerDutyEnv,
  rowsIn,
  sendAsSlack,
  sleep,
  testSeed,
  type Delivery,
  type Health,
} from '../support/replicas.ts';

const SENDERS = 4;
/** How long the server stays down: long enough for /healthz to be seen saying so. */
const OUTAGE_MS = 3000;

describe('the PostgreSQL server restarted under load, two tplus replicas on it', () => {
  let slack: SlackEmulator;
  let pagerduty: PagerDutyEmulator;
  let server: PostgresServer;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const replicas: TplusProcess[] = [];
  beforeAll(async () => {
    slack = await startEmulator();
    pagerduty = await startPagerDuty();
    // A server of this test's own: the run's shared one is not restarted under other tests.
    server = await startPostgres();
    database = await createTestDatabase('pg_restart', server.url);
  });
  afterAll(async () => {
    for (const p of replicas) await p.kill9();
    await slack?.close();
    await pagerduty?.close();
    await server?.stop();
  });

  it('reports the outage on /healthz, reconnects, and files every acknowledged ticket once', async () => {
    const seed = testSeed();
    const start = (name: string) =>
      spawnTplus({
        databaseUrl: database.url,
        slackApiUrl: slack.apiUrl,
        extraEnv: { TPLUS_REPLICA_ID: name, ...pagerDutyEnv(pagerduty) },
      });
    replicas.push(...(await Promise.all([start('replica-a'), start('replica-b')])));
    // Healthy once each has ticked: 200, database reachable.
    await eventually(async () => (await Promise.all(replicas.map(healthOf))).every((h) => h.httpStatus === 200), {
      timeoutMs: 20_000,
      intervalMs: 100,
    });
    for (const p of replicas) expect((await healthOf(p)).database).toEqual({ kind: 'postgresql', isReachable: true });

    // /healthz of both replicas, polled all along.
    const health: (Health & { at: number; replica: string })[] = [];
    let isPolling = true;
    const pollers = replicas.map(async (p, i) => {
      while (isPolling) {
        health.push({ ...(await healthOf(p)), at: Date.now(), replica: `replica-${'ab'[i]}` });
        await sleep(25);
      }
    });

    // Tickets sent continuously, round-robin; a request answered anything but 200 (or not at
    // all) is retried as Slack does: same event_id, X-Slack-Retry-Num, next replica.
    let turn = 0;
    const balancer = () => replicas[turn++ % replicas.length];
    const deliveries: { eventId: string; delivery: Delivery }[] = [];
    let isSending = true;
    let sent = 0;
    const senders = Array.from({ length: SENDERS }, async () => {
      while (isSending) {
        const n = sent++;
        const eventId = `Ev${seed}R${String(n).padStart(4, '0')}`;
        const delivery = await sendAsSlack(
          balancer,
          mentionEvent({ eventId, text: `Where do I change our billing email? (seed ${seed}, question #${n})` }),
          { deadline: Date.now() + 60_000, retryDelayMs: 200 },
        );
        deliveries.push({ eventId, delivery });
        await sleep(20);
      }
    });

    await sleep(3000);
    const restartedAt = Date.now();
    // pg_ctl stop -m fast, OUTAGE_MS down, then pg_ctl restart: every connection is cut.
    await server.restart({ downForMs: OUTAGE_MS });
    const backAt = Date.now();
    // Both replicas reconnect: healthy again with the database reachable.
    await eventually(
      async () => {
        const now = await Promise.all(replicas.map(healthOf));
        return now.every((h) => h.httpStatus === 200 && h.database?.isReachable === true) ? true : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    await sleep(3000);
    isSending = false;
    await Promise.all(senders);
    isPolling = false;
    await Promise.all(pollers);

    // Neither replica ended (an unhandled database error used to end the process).
    expect(replicas.filter((p) => !isAlive(p)).map((p) => p.output.slice(-20).join('\n'))).toEqual([]);
    // During the outage each replica said so: 503, database unreachable.
    for (const replica of ['replica-a', 'replica-b']) {
      const own = health.filter((h) => h.replica === replica);
      const during = own.filter((h) => h.at >= restartedAt && h.at <= backAt + 1000 && h.httpStatus === 503);
      expect(during.length, replica).toBeGreaterThan(5);
      expect(
        during.every((h) => h.database?.isReachable === false && h.status === 'unhealthy'),
        replica,
      ).toBe(true);
      // Healthy before the restart and again at the end.
      expect(
        own.filter((h) => h.at < restartedAt && h.httpStatus !== 200),
        replica,
      ).toEqual([]);
      expect(own.at(-1)?.httpStatus, replica).toBe(200);
    }
    // Some requests were refused during the outage and retried until acknowledged.
    const refused = deliveries.filter((d) => d.delivery.answers.some((status) => status !== 200));
    expect(refused.length).toBeGreaterThan(0);
    expect(deliveries.filter((d) => !d.delivery.isAcked)).toEqual([]);

    // Every acknowledged ticket is filed, once.
    const expected = deliveries.map((d) => `slack:event:${d.eventId}`).sort();
    await eventually(
      async () => {
        const tickets = await countIn(database.url, 'SELECT count(*) AS n FROM "Ticket"');
        const pending = await countIn(database.url, `SELECT count(*) AS n FROM "InboxEvent" WHERE "state" = 'pending'`);
        return tickets >= expected.length && pending === 0 ? true : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    const inbox = await rowsIn<{ dedupeKey: string; state: string }>(
      database.url,
      `SELECT "dedupeKey", "state" FROM "InboxEvent" WHERE "source" = 'slack' ORDER BY "dedupeKey"`,
    );
    expect(inbox.map((e) => e.dedupeKey)).toEqual(expected);
    expect(inbox.filter((e) => e.state !== 'done')).toEqual([]);
    const tickets = await rowsIn<{ inboxKey: string }>(
      database.url,
      'SELECT "inboxKey" FROM "Ticket" ORDER BY "inboxKey"',
    );
    expect(tickets.map((t) => t.inboxKey)).toEqual(expected);
  }, 110_000);
});
