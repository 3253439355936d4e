// npm run bench:engine — the runbook engine with 10,000 open incidents (100,000 pending steps),
// on each database of BENCH_ENGINE_DATABASES (default sqlite,postgresql) in the same run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { parseConfigText, parseEnv } from '../src/config/load-config.ts';
import type { TplusConfig } from '../src/config/schema.ts';
import { systemClock } from '../src/engine/clock.ts';
import { startPagerDutyEmulator } from '../src/sandbox/pagerduty-emulator/index.ts';
import { startSlackEmulator, type SlackEmulator } from '../src/sandbox/slack-emulator/index.ts';
import { buildTplus } from '../src/tplus.ts';
import { auditEngine } from '../src/usecases/audit-engine.ts';
import { markSlaBreaches } from '../src/usecases/mark-sla-breaches.ts';
import { runDueSteps } from '../src/usecases/run-due-steps.ts';
import { syncIncidents } from '../src/usecases/sync-incidents.ts';
import { buildBundle } from '../bin/build.mjs';
import { botCommand, NODE_FLAGS } from '../bin/runtime.mjs';
import { createTestDatabase } from '../test/support/postgres-database.ts';
import { startPostgres, type PostgresServer } from '../test/support/postgres-server.ts';
import { postgresBenchDb, sqliteBenchDb, type BenchDb, type StepOutcome } from './engine/bench-db.ts';
import { startTplusChild } from './engine/child.ts';
import { benchPlan, seedDatabase } from './engine/seed.ts';
import { seedPostgres } from './engine/seed-postgres.ts';
import { sleep, summarize } from './engine/stats.ts';
import { runInfo } from './support/run-info.ts';

const root = join(import.meta.dirname, '..');
const migrationsDir = join(root, 'prisma/migrations');
// BENCH_RESULTS_DIR keeps a trial run from overwriting the committed results.
const RESULTS_DIR = process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const INCIDENTS = num('BENCH_ENGINE_INCIDENTS', 10_000);
// A hundredth of the incidents: 1,000 pending rows against 100,000.
const SMALL_INCIDENTS = Math.max(1, Math.round(INCIDENTS / 100));
const TICKS = num('BENCH_ENGINE_TICKS', 50);
const LATE_STEPS = num('BENCH_ENGINE_LATE_STEPS', 2_000);
const SPREAD_MS = num('BENCH_ENGINE_SPREAD_S', 60) * 1000;
const DRAIN_STEPS = num('BENCH_ENGINE_DRAIN_STEPS', 1_000);
// Issue 15's larger restart drain, on SQLite only (0 skips it).
const LARGE_DRAIN_STEPS = num('BENCH_ENGINE_LARGE_DRAIN_STEPS', 10_000);
// Extra node flags for the tplus child only, after bin/runtime.mjs's (the same variable as the other benches), to try
// settings.
const CHILD_NODE_OPTIONS = process.env.BENCH_TPLUS_FLAGS;
// Each database runs every phase on its own seeded copy; PostgreSQL on a server this bench starts.
const DATABASES = (process.env.BENCH_ENGINE_DATABASES ?? 'sqlite,postgresql').split(',').map((d) => {
  if (d !== 'sqlite' && d !== 'postgresql') throw new Error(`BENCH_ENGINE_DATABASES: unknown database ${d}`);
  return d;
});
type DatabaseKind = (typeof DATABASES)[number];

const TARGETS = { latenessP99Ms: 1500, tickCostRatio: 2, drainMs: 10_000, largeDrainMs: 20_000, rssMb: 200 };
const SLACK = { botToken: 'xoxb-bench-token', signingSecret: 'bench-signing-secret-000000' };
const PD = {
  routingKey: 'R0UTINGKEY0BENCH0000000000000000',
  apiToken: 'pd-api-token-bench',
  webhookSecret: 'pd-webhook-secret-bench',
};
// Steps whose condition holds on the seeded incidents (acknowledged, unresolved, nobody engaged),
// so each one really fires and sends Slack posts: the outbox load belongs to the measurement.
const FIRING_STEPS = ['engaged', 'manager', 'vp-and-success'];

const ms = (v: number) => Math.round(v);

/** Polls `probe` until it holds; false when `timeoutMs` passed first. */
async function until(probe: () => boolean | Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
  return true;
}

/**
 * GET /healthz every 100 ms until stopped, one request at a time: its answer time is how long any
 * HTTP request (a Slack event waiting for its 3-second ack too) waits for tplus's event loop.
 */
function probeResponsiveness(port: number) {
  const latencies: number[] = [];
  let isStopped = false;
  const loop = (async () => {
    while (!isStopped) {
      const started = performance.now();
      try {
        await (await fetch(`http://127.0.0.1:${port}/healthz`)).arrayBuffer();
        latencies.push(performance.now() - started);
      } catch {
        latencies.push(NaN);
      }
      await sleep(100);
    }
  })();
  return async () => {
    isStopped = true;
    await loop;
    const failed = latencies.filter((v) => Number.isNaN(v)).length;
    return { ...summarize(latencies.filter((v) => !Number.isNaN(v))), failed };
  };
}

/**
 * One firing step on each of `count` incidents spread over the id range (every stride-th from
 * `offset`), so the lateness and drain phases use different incidents and never find a step done.
 */
async function pickSteps(db: BenchDb, count: number, offset: number): Promise<number[]> {
  const stride = Math.max(1, Math.floor(INCIDENTS / count));
  const pairs = Array.from(
    { length: INCIDENTS },
    (_, k) => [1 + ((offset + k * stride) % INCIDENTS), FIRING_STEPS[k % FIRING_STEPS.length]!] as [number, string],
  );
  return (await db.pendingStepIds(pairs)).filter((id): id is number => id !== undefined).slice(0, count);
}

/** Up to `count` pending firing steps, every firing step of each incident in turn. */
async function pickAllSteps(db: BenchDb, count: number): Promise<number[]> {
  const pairs = FIRING_STEPS.flatMap((step) =>
    Array.from({ length: INCIDENTS }, (_, k) => [1 + k, step] as [number, string]),
  );
  return (await db.pendingStepIds(pairs)).filter((id): id is number => id !== undefined).slice(0, count);
}

/** When each step's first Slack post arrived, found by the outbox key tplus puts in message metadata. */
function firstPostAt(slack: SlackEmulator): Map<number, number> {
  const seen = new Map<number, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    if (call.httpStatus !== 200 || !call.response?.ok) continue;
    const key = (call.args.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? '';
    const rowId = Number(/^incident:\d+:step:(\d+):/.exec(key)?.[1] ?? NaN);
    if (!Number.isNaN(rowId) && !seen.has(rowId)) seen.set(rowId, call.at.getTime());
  }
  return seen;
}

/** Steps claimed per tick: every step of one runDueSteps call shares its `now` as firedAt. */
function batches(rows: StepOutcome[], since: number) {
  const byTick = new Map<number, number>();
  for (const r of rows) if (!Number.isNaN(r.firedAt)) byTick.set(r.firedAt, (byTick.get(r.firedAt) ?? 0) + 1);
  return [...byTick].sort(([a], [b]) => a - b).map(([at, steps]) => ({ atMs: at - since, steps }));
}

const timed = async (run: () => Promise<unknown>) => {
  const started = performance.now();
  await run();
  return performance.now() - started;
};

/**
 * Tick cost, in this process: `engine.tick()` needs the tplus object, and a child's cron could not
 * be called on demand. Nothing is due, so a tick is the sweep itself: every module's queries with
 * nothing to do. A tick is counted until the delivery run it kicks is idle too, because in
 * production that run happens every second as well.
 *
 * Both databases are open at once and ticked alternately, after a shared warm-up: measured one
 * after the other, the first paid for JIT warm-up and the ratio moved between 4× and 8× from run
 * to run. The module figures call each engine module's use case alone, to say which one grows.
 */
async function measureTickCost(urls: { small: string; big: string }, env: Record<string, string>, config: TplusConfig) {
  const open = async (url: string) => {
    const tplus = await buildTplus({
      env: parseEnv({ ...env, DATABASE_URL: url }),
      config,
      clock: systemClock,
      logger: pino({ level: 'silent' }),
      projectRoot: root,
    });
    const tick = async () => {
      await tplus.engine.tick();
      await tplus.delivery.idle();
      await tplus.intake.idle();
    };
    return { tplus, tick, samples: [] as number[] };
  };
  const sides = { small: await open(urls.small), big: await open(urls.big) };
  try {
    // Warm-up: Prisma compiles each query shape on first use, V8 optimises, the page cache fills.
    for (let i = 0; i < 20; i += 1) for (const side of Object.values(sides)) await side.tick();
    for (let i = 0; i < TICKS; i += 1) {
      const order = i % 2 === 0 ? [sides.small, sides.big] : [sides.big, sides.small];
      for (const side of order) {
        side.samples.push(await timed(side.tick));
        await sleep(5);
      }
    }
    const report = async ({ tplus, samples }: (typeof sides)['small']) => {
      const deps = {
        incidents: tplus.incidents,
        tickets: tplus.tickets,
        policy: tplus.incidentPolicy,
        clock: systemClock,
      };
      const parts: [string, () => Promise<unknown>][] = [
        [
          'inbox-replay',
          async () => {
            tplus.intake.kick();
            await tplus.intake.idle();
          },
        ],
        ['incident-sync', () => syncIncidents(deps)],
        ['incident-sync: ticketsToSync', () => tplus.incidents.ticketsToSync(100)],
        ['runbook-steps', () => runDueSteps(deps)],
        ['sla-breaches', () => markSlaBreaches({ tickets: tplus.tickets, clock: systemClock })],
        ['outbox', () => tplus.dispatcher.runOnce(50)],
        // Runs once a minute, not every second: listed so its growth is visible, not in the tick median.
        [
          'auditor (once a minute)',
          () =>
            auditEngine({
              incidents: tplus.incidents,
              outbox: tplus.outbox,
              policy: tplus.incidentPolicy,
              clock: systemClock,
            }),
        ],
      ];
      const countOf = async (sql: string) => Number((await tplus.db.read<{ n: number }>(sql))[0]?.n ?? 0);
      const moduleP50Ms: Record<string, number> = {};
      for (const [name, run] of parts) {
        const runs: number[] = [];
        for (let i = 0; i < 3; i += 1) await run();
        for (let i = 0; i < 20; i += 1) runs.push(await timed(run));
        moduleP50Ms[name] = summarize(runs).p50;
      }
      return {
        pendingRows: await countOf(`SELECT count(*) AS n FROM "IncidentStep" WHERE "state" = 'pending'`),
        openIncidents: await countOf('SELECT count(*) AS n FROM "Incident" WHERE "resolvedAt" IS NULL'),
        tickMs: summarize(samples),
        moduleP50Ms,
      };
    };
    return { small: await report(sides.small), big: await report(sides.big) };
  } finally {
    for (const side of Object.values(sides)) await side.tplus.stop();
  }
}

/**
 * Lateness with the real 1-second node-cron tick and the system clock: LATE_STEPS steps are made
 * due evenly over SPREAD_MS (so their due times fall at every point within a second), and tplus
 * runs them while idle-sweeping the other ~98,000 pending rows.
 */
async function measureLateness(db: BenchDb, url: string, env: Record<string, string>, slack: SlackEmulator) {
  slack.reset();
  const tplus = await startTplusChild({
    projectRoot: root,
    env: { ...env, DATABASE_URL: url },
    ...(CHILD_NODE_OPTIONS ? { nodeOptions: CHILD_NODE_OPTIONS } : {}),
  });
  try {
    // A few idle ticks first, so the measured steps do not pay for Prisma's first-query compiles.
    await sleep(3000);
    const ids = await pickSteps(db, LATE_STEPS, 0);
    const first = Date.now() + 2000;
    await db.setDueTimes(new Map(ids.map((id, k) => [id, Math.round(first + (k * SPREAD_MS) / ids.length)])));
    const stopProbe = probeResponsiveness(tplus.port);
    const claimed = await until(async () => (await db.pendingCount(ids)) === 0, SPREAD_MS + 60_000, 250);
    const healthzMs = await stopProbe();
    let rows = await db.outcomes(ids);
    const fired = rows.filter((r) => r.state === 'done');
    await until(
      () => {
        const posts = firstPostAt(slack);
        return fired.every((r) => posts.has(r.id));
      },
      60_000,
      250,
    );
    const posts = firstPostAt(slack);
    rows = await db.outcomes(ids);
    const outboxPending = await db.outboxPending();
    const slowTicksMs = [...tplus.slowTicksMs];
    const { peakRssMb } = await tplus.stop();
    return {
      steps: ids.length,
      spreadMs: SPREAD_MS,
      allClaimed: claimed,
      states: Object.fromEntries(
        ['done', 'skipped', 'pending'].map((s) => [s, rows.filter((r) => r.state === s).length]),
      ),
      // What tplus records: firedAt is the `now` read at the start of the tick's runDueSteps.
      recordedLatenessMs: summarize(rows.filter((r) => !Number.isNaN(r.firedAt)).map((r) => r.firedAt - r.dueAt)),
      // When the step's first Slack post reached the emulator: claim, transaction and outbox delivery.
      deliveredLatenessMs: summarize(fired.filter((r) => posts.has(r.id)).map((r) => posts.get(r.id)! - r.dueAt)),
      undelivered: fired.filter((r) => !posts.has(r.id)).length,
      healthzMs,
      outboxPendingAfter: outboxPending,
      slowTicks: { count: slowTicksMs.length, maxMs: Math.max(0, ...slowTicksMs) },
      missedCronFires: tplus.missedCronFires,
      startupMs: tplus.readyAt - tplus.spawnedAt,
      peakRssMb,
      errors: tplus.errors.slice(0, 5),
    };
  } finally {
    await tplus.stop();
  }
}

/**
 * Drain after a restart: tplus is stopped (SIGTERM), DRAIN_STEPS steps become 1–10 minutes overdue
 * as if tplus had been down, and a new process starts on the same file. The time runs from the
 * spawn, so it includes the cold start an operator's restart pays.
 */
async function measureDrain(
  db: BenchDb,
  url: string,
  env: Record<string, string>,
  slack: SlackEmulator,
  ids: number[],
) {
  const now = Date.now();
  await db.setDueTimes(
    new Map(ids.map((id, k) => [id, Math.round(now - 10 * 60_000 + (k * 9 * 60_000) / ids.length)])),
  );
  slack.reset();
  const tplus = await startTplusChild({
    projectRoot: root,
    env: { ...env, DATABASE_URL: url },
    ...(CHILD_NODE_OPTIONS ? { nodeOptions: CHILD_NODE_OPTIONS } : {}),
  });
  try {
    const stopProbe = probeResponsiveness(tplus.port);
    const drained = await until(async () => (await db.pendingCount(ids)) === 0, 120_000, 50);
    const drainedAt = Date.now();
    const healthzMs = await stopProbe();
    const rows = await db.outcomes(ids);
    const fired = rows.filter((r) => r.state === 'done');
    await until(
      () => {
        const posts = firstPostAt(slack);
        return fired.every((r) => posts.has(r.id));
      },
      60_000,
      250,
    );
    const posts = firstPostAt(slack);
    const lastPost = Math.max(...fired.map((r) => posts.get(r.id) ?? NaN));
    const slowTicksMs = [...tplus.slowTicksMs];
    const { peakRssMb } = await tplus.stop();
    return {
      steps: ids.length,
      allDrained: drained,
      drainMsFromSpawn: drainedAt - tplus.spawnedAt,
      drainMsFromReady: drainedAt - tplus.readyAt,
      startupMs: tplus.readyAt - tplus.spawnedAt,
      lastPostMsFromSpawn: lastPost - tplus.spawnedAt,
      healthzMs,
      states: Object.fromEntries(
        ['done', 'skipped', 'pending'].map((s) => [s, rows.filter((r) => r.state === s).length]),
      ),
      ticks: batches(rows, tplus.spawnedAt),
      slowTicks: { count: slowTicksMs.length, ms: slowTicksMs },
      missedCronFires: tplus.missedCronFires,
      peakRssMb,
      errors: tplus.errors.slice(0, 5),
    };
  } finally {
    await tplus.stop();
  }
}

/** A seeded pair of databases (1 % and 100 % of the incidents) of one kind, and how to read them. */
interface Seeded {
  small: string;
  big: string;
  seedMs: number;
  stepRows: number;
  smallStepRows: number;
  db: BenchDb;
  /** What the run should know about the server (PostgreSQL only). */
  server?: { version: string; settings: string };
}

async function seed(
  kind: DatabaseKind,
  dir: string,
  plan: ReturnType<typeof benchPlan>,
  postgres: () => Promise<PostgresServer>,
): Promise<Seeded> {
  const now = new Date();
  if (kind === 'sqlite') {
    const [small, big] = [join(dir, 'small.db'), join(dir, 'big.db')];
    const seedSmall = seedDatabase({ path: small, migrationsDir, incidents: SMALL_INCIDENTS, plan, now });
    const seedBig = seedDatabase({ path: big, migrationsDir, incidents: INCIDENTS, plan, now });
    return {
      small: `file:${small}`,
      big: `file:${big}`,
      seedMs: seedBig.ms,
      stepRows: seedBig.stepRows,
      smallStepRows: seedSmall.stepRows,
      db: sqliteBenchDb(big),
    };
  }
  const server = await postgres();
  const [small, big] = [
    await createTestDatabase('engine_small', server.url),
    await createTestDatabase('engine_big', server.url),
  ];
  const seedSmall = await seedPostgres({ url: small.url, projectRoot: root, incidents: SMALL_INCIDENTS, plan, now });
  const seedBig = await seedPostgres({ url: big.url, projectRoot: root, incidents: INCIDENTS, plan, now });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const version = (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version;
  await admin.end();
  return {
    small: small.url,
    big: big.url,
    seedMs: seedBig.ms,
    stepRows: seedBig.stepRows,
    smallStepRows: seedSmall.stepRows,
    db: postgresBenchDb(big.url),
    server: {
      version,
      // As test/support/postgres-server.ts starts it: like SQLite's synchronous=NORMAL, a commit
      // survives the process (tplus or the server) but not the machine losing power.
      settings: 'fsync=off, max_connections=300, one server on this machine; DATABASE_POOL_SIZE 10',
    },
  };
}

/** Every phase on one database: tick cost (in this process), lateness and drain (tplus children). */
async function runOn(
  kind: DatabaseKind,
  seeded: Seeded,
  env: Record<string, string>,
  config: TplusConfig,
  slack: SlackEmulator,
) {
  const started = Date.now();
  console.log(
    `${kind}: seeded ${seeded.stepRows} pending steps on ${INCIDENTS} incidents in ${ms(seeded.seedMs)} ms (and ${seeded.smallStepRows} on ${SMALL_INCIDENTS})`,
  );
  const { small, big } = await measureTickCost({ small: seeded.small, big: seeded.big }, env, config);
  console.log(
    `${kind}: tick cost ${small.tickMs.p50} ms at ${small.pendingRows} pending, ${big.tickMs.p50} ms at ${big.pendingRows}`,
  );
  const lateness = await measureLateness(seeded.db, seeded.big, env, slack);
  console.log(
    `${kind}: lateness p99 ${lateness.recordedLatenessMs.p99} ms recorded, ${lateness.deliveredLatenessMs.p99} ms to the Slack post`,
  );
  const drain = await measureDrain(seeded.db, seeded.big, env, slack, await pickSteps(seeded.db, DRAIN_STEPS, 2));
  console.log(`${kind}: drain ${drain.drainMsFromSpawn} ms from spawn`);
  // Every firing step still pending, several per incident (the phases before used some).
  const largeDrain =
    kind === 'sqlite' && LARGE_DRAIN_STEPS > 0
      ? await measureDrain(seeded.db, seeded.big, env, slack, await pickAllSteps(seeded.db, LARGE_DRAIN_STEPS))
      : undefined;
  if (largeDrain) console.log(`${kind}: drain of ${largeDrain.steps} ${largeDrain.drainMsFromSpawn} ms from spawn`);
  const ratio = big.tickMs.p50 / small.tickMs.p50;
  const peakRssMb = Math.max(lateness.peakRssMb, drain.peakRssMb);
  return {
    database: kind,
    ...(seeded.server ? { server: seeded.server } : {}),
    seedMs: ms(seeded.seedMs),
    pendingRows: big.pendingRows,
    tickCost: {
      small,
      big,
      ratioP50: Math.round(ratio * 100) / 100,
      ratioP95: Math.round((big.tickMs.p95 / small.tickMs.p95) * 100) / 100,
    },
    lateness,
    drain,
    ...(largeDrain ? { largeDrain } : {}),
    rss: {
      tplusPeakMb: Math.round(peakRssMb),
      source: 'VmHWM of the tplus child process (dist/main.js with the flags of bin/runtime.mjs)',
    },
    verdicts: {
      latenessP99: lateness.recordedLatenessMs.p99 <= TARGETS.latenessP99Ms && lateness.allClaimed,
      tickCostRatio: ratio <= TARGETS.tickCostRatio,
      drain: drain.allDrained && drain.drainMsFromSpawn <= TARGETS.drainMs,
      ...(largeDrain
        ? { largeDrain: largeDrain.allDrained && largeDrain.drainMsFromSpawn <= TARGETS.largeDrainMs }
        : {}),
      rss: peakRssMb <= TARGETS.rssMb,
    },
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
}
type DatabaseRun = Awaited<ReturnType<typeof runOn>>;

async function main() {
  const config = parseConfigText(readFileSync(join(root, 'tplus.config.example.yaml'), 'utf8'), 'example');
  await buildBundle();
  const slack = await startSlackEmulator({
    botToken: SLACK.botToken,
    teamId: config.workspace.teamId,
    botUserId: config.workspace.botUserId,
    botId: config.workspace.botId,
    channels: [
      { id: config.triage.channelId, name: 'support-triage' },
      { id: 'C0ACMESHR1', name: 'acme-support' },
      { id: 'C0GLOBEX01', name: 'globex-shared' },
    ],
  });
  const pagerduty = await startPagerDutyEmulator({
    routingKey: PD.routingKey,
    apiToken: PD.apiToken,
    onCalls: [
      {
        escalationPolicyId: 'PESCAL1',
        users: [{ id: 'PONCALL01', name: 'Riley Responder', email: 'riley@example.com', level: 1 }],
      },
    ],
  });
  const env = {
    SLACK_BOT_TOKEN: SLACK.botToken,
    SLACK_SIGNING_SECRET: SLACK.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    TPLUS_CONFIG: join(root, 'tplus.config.example.yaml'),
    PAGERDUTY_ROUTING_KEY: PD.routingKey,
    PAGERDUTY_EVENTS_URL: pagerduty.eventsUrl,
    PAGERDUTY_API_TOKEN: PD.apiToken,
    PAGERDUTY_API_URL: pagerduty.apiUrl,
    PAGERDUTY_WEBHOOK_SECRET: PD.webhookSecret,
  };
  let benchPeakRss = 0;
  const rssSampler = setInterval(() => {
    benchPeakRss = Math.max(benchPeakRss, process.memoryUsage().rss);
  }, 100);
  const dir = mkdtempSync(join(tmpdir(), 'tplus-engine-bench-'));
  const started = Date.now();
  const run = runInfo();
  const loadAtStart = loadavg();
  // Started on first use, so a SQLite-only run needs no PostgreSQL binaries.
  let server: Promise<PostgresServer> | undefined;
  const postgres = () => (server ??= startPostgres());
  const byDatabase: Partial<Record<DatabaseKind, DatabaseRun>> = {};
  const plan = benchPlan(root);
  try {
    for (const kind of DATABASES) {
      const seeded = await seed(kind, dir, plan, postgres);
      try {
        byDatabase[kind] = await runOn(kind, seeded, env, config, slack);
      } finally {
        await seeded.db.close();
      }
    }
  } finally {
    clearInterval(rssSampler);
    await slack.close();
    await pagerduty.close();
    if (server) await (await server).stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const report = {
    machine: { cores: run.cores, node: run.node, cpu: run.cpu },
    run,
    loadAverage: {
      atStart: loadAtStart.map((v) => Math.round(v * 100) / 100),
      atEnd: loadavg().map((v) => Math.round(v * 100) / 100),
    },
    setup: {
      childNodeOptions: CHILD_NODE_OPTIONS ?? null,
      incidents: INCIDENTS,
      stepsPerIncident: plan.steps.length,
      smallIncidents: SMALL_INCIDENTS,
      ticks: TICKS,
      lateSteps: LATE_STEPS,
      spreadMs: SPREAD_MS,
      drainSteps: DRAIN_STEPS,
      nodeFlags: [...NODE_FLAGS, ...(CHILD_NODE_OPTIONS ? CHILD_NODE_OPTIONS.split(/\s+/).filter(Boolean) : [])],
      env: botCommand().env,
    },
    databases: DATABASES,
    byDatabase,
    benchProcessPeakRssMb: Math.round(benchPeakRss / 2 ** 20),
    targets: TARGETS,
    runtimeSeconds: Math.round((Date.now() - started) / 1000),
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, 'engine.json'), `${JSON.stringify(report, null, 2)}\n`);
  for (const r of Object.values(byDatabase)) printTable(r);
  printSideBySide(byDatabase);
  console.log(
    `this process (emulators + in-process tick phase) peak RSS ${report.benchProcessPeakRssMb} MB; load average at start ${report.loadAverage.atStart.join(' ')}, at end ${report.loadAverage.atEnd.join(' ')}; run took ${report.runtimeSeconds} s`,
  );
  console.log(`written to ${join(RESULTS_DIR, 'engine.json')}`);
}

const verdict = (ok: boolean | undefined) => (ok ? 'PASS' : 'MISS');

function printTable(r: DatabaseRun): void {
  const rows: [string, string, string, string][] = [
    [
      'step lateness p99 (firedAt − dueAt)',
      `≤ ${TARGETS.latenessP99Ms} ms`,
      `${ms(r.lateness.recordedLatenessMs.p99)} ms`,
      verdict(r.verdicts.latenessP99),
    ],
    [
      `tick cost ${r.tickCost.big.pendingRows / 1000}k / ${r.tickCost.small.pendingRows / 1000}k pending (p50)`,
      `≤ ${TARGETS.tickCostRatio}×`,
      `${r.tickCost.ratioP50}×`,
      verdict(r.verdicts.tickCostRatio),
    ],
    [
      `drain ${r.drain.steps} overdue steps after restart`,
      `≤ ${TARGETS.drainMs / 1000} s`,
      `${(r.drain.drainMsFromSpawn / 1000).toFixed(1)} s`,
      verdict(r.verdicts.drain),
    ],
    ...(r.largeDrain
      ? [
          [
            `drain ${r.largeDrain.steps} overdue steps after restart`,
            `≤ ${TARGETS.largeDrainMs / 1000} s`,
            `${(r.largeDrain.drainMsFromSpawn / 1000).toFixed(1)} s`,
            verdict(r.verdicts.largeDrain),
          ] as [string, string, string, string],
        ]
      : []),
    ['tplus peak RSS (child VmHWM)', `≤ ${TARGETS.rssMb} MB`, `${r.rss.tplusPeakMb} MB`, verdict(r.verdicts.rss)],
  ];
  console.log(`\n=== ${r.database}${r.server ? ` (PostgreSQL ${r.server.version}; ${r.server.settings})` : ''}`);
  console.log(`${'target'.padEnd(40)} ${'wanted'.padEnd(10)} ${'measured'.padEnd(10)} verdict`);
  for (const [name, target, measured, v] of rows)
    console.log(`${name.padEnd(40)} ${target.padEnd(10)} ${measured.padEnd(10)} ${v}`);
  const l = r.lateness.recordedLatenessMs;
  const d = r.lateness.deliveredLatenessMs;
  console.log(
    `\nlateness of ${r.lateness.steps} steps over ${r.lateness.spreadMs / 1000} s: recorded p50 ${ms(l.p50)} / p99 ${ms(l.p99)} / max ${ms(l.max)} ms; first Slack post p50 ${ms(d.p50)} / p99 ${ms(d.p99)} / max ${ms(d.max)} ms; slow ticks (> 500 ms) ${r.lateness.slowTicks.count}, max ${r.lateness.slowTicks.maxMs} ms; node-cron missed fires ${r.lateness.missedCronFires}; GET /healthz p99 ${ms(r.lateness.healthzMs.p99)} / max ${ms(r.lateness.healthzMs.max)} ms`,
  );
  for (const t of [r.tickCost.small, r.tickCost.big]) {
    console.log(
      `tick at ${t.pendingRows} pending, ${t.openIncidents} open incidents: p50 ${t.tickMs.p50} ms, p95 ${t.tickMs.p95} ms`,
    );
  }
  console.log(
    `${'module p50 (ms)'.padEnd(40)} ${`${r.tickCost.small.pendingRows / 1000}k`.padStart(8)} ${`${r.tickCost.big.pendingRows / 1000}k`.padStart(8)}`,
  );
  for (const name of Object.keys(r.tickCost.big.moduleP50Ms)) {
    console.log(
      `${name.padEnd(40)} ${String(r.tickCost.small.moduleP50Ms[name]).padStart(8)} ${String(r.tickCost.big.moduleP50Ms[name]).padStart(8)}`,
    );
  }
  console.log(
    `drain: start ${r.drain.startupMs} ms, drained ${r.drain.drainMsFromReady} ms after ready, last post ${(r.drain.lastPostMsFromSpawn / 1000).toFixed(1)} s after spawn; steps per tick ${r.drain.ticks.map((t) => `${t.steps}@${(t.atMs / 1000).toFixed(1)}s`).join(' ')}; tick ms ${r.drain.slowTicks.ms.join(' ')}; node-cron missed fires ${r.drain.missedCronFires}; GET /healthz during the drain p50 ${ms(r.drain.healthzMs.p50)} / max ${ms(r.drain.healthzMs.max)} ms`,
  );
  console.log(`RSS: tplus ${r.rss.tplusPeakMb} MB; ${r.database} took ${r.runtimeSeconds} s`);
}

/** The issue's figures for each database in one table, so SQLite and PostgreSQL read side by side. */
function printSideBySide(byDatabase: Partial<Record<DatabaseKind, DatabaseRun>>): void {
  const runs = Object.values(byDatabase);
  if (runs.length < 2) return;
  const line = (name: string, cell: (r: DatabaseRun) => string) =>
    console.log(`${name.padEnd(40)} ${runs.map((r) => cell(r).padEnd(18)).join(' ')}`);
  console.log(`\n${'side by side'.padEnd(40)} ${runs.map((r) => r.database.padEnd(18)).join(' ')}`);
  line(
    `lateness p99 (≤ ${TARGETS.latenessP99Ms} ms)`,
    (r) => `${ms(r.lateness.recordedLatenessMs.p99)} ms ${verdict(r.verdicts.latenessP99)}`,
  );
  line('first Slack post p99', (r) => `${ms(r.lateness.deliveredLatenessMs.p99)} ms`);
  line(
    `drain ${DRAIN_STEPS} overdue (≤ ${TARGETS.drainMs / 1000} s)`,
    (r) => `${(r.drain.drainMsFromSpawn / 1000).toFixed(1)} s ${verdict(r.verdicts.drain)}`,
  );
  line('tick p50 at 100 % / 1 % pending', (r) => `${r.tickCost.big.tickMs.p50} / ${r.tickCost.small.tickMs.p50} ms`);
  line(`tplus peak RSS (≤ ${TARGETS.rssMb} MB)`, (r) => `${r.rss.tplusPeakMb} MB ${verdict(r.verdicts.rss)}`);
}

await main();
