import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagerDutyEmulator } from '../../src/sandbox/pagerduty-emulator/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { eventually, startEmulator, startPagerDuty } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';
import { createTestDatabase } from '../support/postgres-database.ts';
import { countIn, spawnTplus, type TplusProcess } from '../support/process.ts';
import {
  pagerDutyEnv,
  rowsIn,
  seeded,
  sendAsSlack,
  shippedPostgresMigrations,
  sleep,
  testSeed,
} from '../support/replicas.ts';

const REPLICAS = 3;
const INCIDENTS = 3;
const KILLS = 5;
const SLACK_LATENCY_MS = 300;
const SCALE = 360; // one wall second is six incident minutes: an S1's T+120 passes in 20 s
const S1_STEPS_WITHOUT_ACK = [
  'page',
  'ack-expected',
  'repage',
  'incident-channel',
  'status-investigating',
  'scope-assessment',
  'manager',
  'vp-and-success',
];

describe('three tplus replicas on one PostgreSQL database, one killed with SIGKILL at 5 random moments', () => {
  let slack: SlackEmulator;
  let pagerduty: PagerDutyEmulator;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const replicas: TplusProcess[] = [];
  const retired: TplusProcess[] = [];
  beforeAll(async () => {
    slack = await startEmulator();
    pagerduty = await startPagerDuty();
    database = await createTestDatabase('replicas_kill');
  });
  afterAll(async () => {
    for (const p of [...replicas, ...retired]) await p.kill9();
    await slack?.close();
    await pagerduty?.close();
    await database?.drop();
  });

  it('migrate the empty database once and run every S1 step, page, channel and post exactly once', async () => {
    const seed = testSeed();
    const random = seeded(seed);
    const anchor = new Date().toISOString();
    const env = (i: number) => ({
      TPLUS_REPLICA_ID: `replica-${i}`,
      TPLUS_START_AT: '2026-11-24T14:00:00.000Z',
      TPLUS_TIME_SCALE: String(SCALE),
      TPLUS_CLOCK_ANCHOR: anchor,
      ...pagerDutyEnv(pagerduty),
    });
    const start = (i: number) => spawnTplus({ databaseUrl: database.url, slackApiUrl: slack.apiUrl, extraEnv: env(i) });

    // All three start at once on the empty database: one of them migrates it, the others wait.
    // Slack answers in SLACK_LATENCY_MS, so a kill often lands on a replica with posts in flight.
    slack.setLatency(SLACK_LATENCY_MS);
    replicas.push(...(await Promise.all(Array.from({ length: REPLICAS }, (_, i) => start(i)))));
    const migrations = await rowsIn<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      database.url,
      'SELECT "migration_name", "finished_at", "rolled_back_at" FROM "_prisma_migrations" ORDER BY "migration_name"',
    );
    expect(migrations.map((m) => m.migration_name)).toEqual(shippedPostgresMigrations());
    expect(migrations.filter((m) => m.finished_at === null || m.rolled_back_at !== null)).toEqual([]);

    // A load balancer: each request goes to the next replica, round-robin.
    let turn = 0;
    const balancer = () => replicas[turn++ % REPLICAS];
    const fileS1 = async (n: number) => {
      const delivery = await sendAsSlack(
        balancer,
        mentionEvent({ text: `Production is down for all users, every request fails (seed ${seed}, #${n})` }),
        { deadline: Date.now() + 20_000 },
      );
      expect(delivery.answers, `S1 #${n} (seed ${seed})`).toEqual([200]);
    };

    let filed = 0;
    await fileS1(filed++);
    for (let kill = 0; kill < KILLS; kill += 1) {
      // A different replica each time (0, 1, 2, 0, 1), at a random moment of the incidents' runbooks.
      await sleep(1000 + random() * 3000);
      const victim = kill % REPLICAS;
      const dead = replicas[victim] as TplusProcess;
      await dead.kill9();
      retired.push(dead);
      replicas[victim] = await start(victim);
      if (filed < INCIDENTS) await fileS1(filed++);
    }

    // Until the last incident has passed T+120 and everything drained (a killed replica's leases
    // run out after 15 s of wall time before another takes its rows over).
    // The open incidents keep going on the scaled clock (stale-status reminders, summary edits), so
    // what must have been delivered is every outbox row up to the moment nothing was pending,
    // read in the same statement.
    const drainedUpTo = await eventually(
      async () => {
        const incidents = await countIn(database.url, 'SELECT count(*) AS n FROM "Incident"');
        const openSteps = await countIn(
          database.url,
          `SELECT count(*) AS n FROM "IncidentStep" WHERE "state" NOT IN ('done', 'skipped', 'waiting', 'cancelled')`,
        );
        const [outboxNow] = await rowsIn<{ pending: string; maxId: number }>(
          database.url,
          `SELECT count(*) FILTER (WHERE "state" = 'pending') AS "pending", max("id") AS "maxId" FROM "OutboxMessage"`,
        );
        return incidents === INCIDENTS && openSteps === 0 && Number(outboxNow?.pending) === 0
          ? Number(outboxNow?.maxId)
          : undefined;
      },
      { timeoutMs: 75_000, intervalMs: 500 },
    );

    const incidents = await rowsIn<{ id: number; channelId: string | null }>(
      database.url,
      'SELECT "id", "channelId" FROM "Incident" ORDER BY "id"',
    );
    expect(incidents).toHaveLength(INCIDENTS);
    expect(await countIn(database.url, 'SELECT count(*) AS n FROM "Ticket"')).toBe(INCIDENTS);
    const steps = await rowsIn<{ id: number; incidentId: number; stepId: string; state: string }>(
      database.url,
      'SELECT "id", "incidentId", "stepId", "state" FROM "IncidentStep" ORDER BY "id"',
    );
    const stepEvents = await rowsIn<{ incidentId: number; n: string }>(
      database.url,
      `SELECT "incidentId", count(*) AS n FROM "IncidentEvent" WHERE "kind" = 'step' GROUP BY "incidentId"`,
    );
    for (const { id } of incidents) {
      const own = steps.filter((s) => s.incidentId === id);
      // Every step of the (unacknowledged) S1 exactly once, done; the rest of its plan skipped or
      // waiting for an ack that never comes; none still pending.
      expect(
        own
          .filter((s) => s.state === 'done')
          .map((s) => s.stepId)
          .sort(),
        `incident ${id} (seed ${seed})`,
      ).toEqual([...S1_STEPS_WITHOUT_ACK].sort());
      expect(new Set(own.map((s) => s.stepId)).size, `incident ${id} (seed ${seed})`).toBe(own.length);
      expect(
        own.filter((s) => s.state === 'pending'),
        `incident ${id} (seed ${seed})`,
      ).toEqual([]);
      expect(Number(stepEvents.find((e) => e.incidentId === id)?.n), `incident ${id} (seed ${seed})`).toBe(
        S1_STEPS_WITHOUT_ACK.length,
      );
    }

    // Slack's posts are read before the outbox, so each was asked for by a row already there.
    const posted = slack.calls
      .filter((c) => c.method === 'chat.postMessage' && c.response?.ok)
      .map((c) => (c.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '');
    const everyPost = await rowsIn<{ key: string }>(
      database.url,
      `SELECT "key" FROM "OutboxMessage" WHERE "kind" = 'slack.post'`,
    );
    const outbox = await rowsIn<{ key: string; kind: string; state: string; isAmbiguous: boolean }>(
      database.url,
      `SELECT "key", "kind", "state", "isAmbiguous" FROM "OutboxMessage" WHERE "id" <= ${drainedUpTo} ORDER BY "id"`,
    );
    expect(
      outbox.filter((o) => o.state !== 'delivered'),
      `seed ${seed}`,
    ).toEqual([]);

    // Slack: every post delivered exactly once, by the outbox key in its metadata.
    const postCounts = new Map<string, number>();
    for (const key of posted) postCounts.set(key, (postCounts.get(key) ?? 0) + 1);
    expect(
      [...postCounts].filter(([, n]) => n > 1),
      `seed ${seed}`,
    ).toEqual([]);
    const posts = outbox.filter((o) => o.kind === 'slack.post').map((o) => o.key);
    expect(
      posts.filter((key) => !postCounts.has(key)),
      `seed ${seed}`,
    ).toEqual([]);
    const asked = new Set(everyPost.map((o) => o.key));
    expect(
      [...postCounts.keys()].filter((key) => !asked.has(key)),
      `seed ${seed}`,
    ).toEqual([]);

    // One incident channel each: Slack created exactly one channel per incident, the one on the incident.
    const created = slack.calls.filter((c) => c.method === 'conversations.create' && c.response?.ok);
    expect(created, `seed ${seed}`).toHaveLength(INCIDENTS);
    const channels = [...slack.workspace.channels.values()].filter((c) => c.name.startsWith('inc-'));
    expect(channels.map((c) => c.id).sort()).toEqual(incidents.map((i) => i.channelId).sort());

    // PagerDuty: one alert per incident, opened by exactly one page trigger and re-paged by exactly
    // one re-page trigger. Only an event whose outbox row was taken over from a killed replica
    // (marked ambiguous: the call may have reached PagerDuty) may have been sent a second time,
    // which PagerDuty folds by dedup key.
    expect(pagerduty.alerts().size).toBe(INCIDENTS);
    for (const { id } of incidents) {
      const dedupKey = `tplus-incident-${id}`;
      expect(pagerduty.alerts().get(dedupKey)?.status, `incident ${id}`).toBe('triggered');
      const triggers = pagerduty.events.filter((e) => e.dedup_key === dedupKey && e.event_action === 'trigger');
      for (const stepId of ['page', 'repage']) {
        const step = steps.find((s) => s.incidentId === id && s.stepId === stepId);
        const row = outbox.find((o) => o.key === `incident:${id}:step:${step?.id}:pagerduty`);
        expect(row?.state, `incident ${id} ${stepId}`).toBe('delivered');
        const sent = triggers.filter(
          (e) => String((e.payload as { summary?: string }).summary).startsWith('[re-page]') === (stepId === 'repage'),
        ).length;
        if (row?.isAmbiguous) expect(sent, `incident ${id} ${stepId} (seed ${seed})`).toBeLessThanOrEqual(2);
        else expect(sent, `incident ${id} ${stepId} (seed ${seed})`).toBe(1);
        expect(sent).toBeGreaterThanOrEqual(1);
      }
      expect(pagerduty.events.filter((e) => e.dedup_key === dedupKey && e.event_action !== 'trigger')).toEqual([]);
    }
  }, 115_000);
});
