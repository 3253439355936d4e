// npm run bench:engine — the runbook engine with 10,000 open incidents (100,000 pending steps).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import { parseConfigText, parseEnv } from '../src/config/load-config.ts';
import type { TplusConfig } from '../src/config/schema.ts';
import { systemClock } from '../src/engine/clock.ts';
import { startPagerDutyEmulator } from '../src/sandbox/pagerduty-emulator/index.ts';
import { startSlackEmulator, type SlackEmulator } from '../src/sandbox/slack-emulator/index.ts';
import { toDbDate } from '../src/store/db-date.ts';
import { buildTplus } from '../src/tplus.ts';
import { auditEngine } from '../src/usecases/audit-engine.ts';
import { markSlaBreaches } from '../src/usecases/mark-sla-breaches.ts';
import { runDueSteps } from '../src/usecases/run-due-steps.ts';
import { syncIncidents } from '../src/usecases/sync-incidents.ts';
import { buildBundle } from '../bin/build.mjs';
import { botCommand, NODE_FLAGS } from '../bin/runtime.mjs';
import { startTplusChild } from './engine/child.ts';
import { benchPlan, seedDatabase } from './engine/seed.ts';
import { sleep, summarize } from './engine/stats.ts';

const root = join(import.meta.dirname, '..');
const migrationsDir = join(root, 'prisma/migrations');
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const INCIDENTS = num('BENCH_ENGINE_INCIDENTS', 10_000);
// A hundredth of the incidents: 1,000 pending rows against 100,000.
const SMALL_INCIDENTS = Math.max(1, Math.round(INCIDENTS / 100));
const TICKS = num('BENCH_ENGINE_TICKS', 50);
const LATE_STEPS = num('BENCH_ENGINE_LATE_STEPS', 2_000);
const SPREAD_MS = num('BENCH_ENGINE_SPREAD_S', 60) * 1000;
const DRAIN_STEPS = num('BENCH_ENGINE_DRAIN_STEPS', 1_000);
// Extra node flags for the tplus child only, after bin/runtime.mjs's (the same variable as the other benches), to try
// settings.
const CHILD_NODE_OPTIONS = process.env.BENCH_TPLUS_FLAGS;

const TARGETS = { latenessP99Ms: 1500, tickCostRatio: 2, drainMs: 10_000, rssMb: 200 };
const SLACK = { botToken: 'xoxb-bench-token', signingSecret: 'bench-signing-secret-000000' };
const PD = {
  routingKey: 'R0UTINGKEY0BENCH0000000000000000',
  apiToken: 'pd-api-token-bench',
  webhookSecret: 'pd-webhook-secret-bench',
};
// Steps whose condition holds on the seeded incidents (acknowledged, unresolved, nobody engaged),
// so each one really fires and sends Slack posts: the outbox load belongs to the measurement.
const FIRING_STEPS = ['engaged', 'manager', 'vp-and-success'];

type Raw = Database.Database;
const ms = (v: number) => Math.round(v);

/** Polls `probe` until it holds; false when `timeoutMs` passed first. */
async function until(probe: () => boolean, timeoutMs: number, intervalMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
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
function pickSteps(db: Raw, count: number, offset: number): number[] {
  const stride = Math.max(1, Math.floor(INCIDENTS / count));
  const find = db
    .prepare(
      `SELECT id FROM IncidentStep WHERE incidentId = ? AND planVersion = 1 AND stepId = ? AND state = 'pending'`,
    )
    .pluck();
  const ids: number[] = [];
  for (let k = 0; ids.length < count && k < INCIDENTS; k += 1) {
    const id = find.get(1 + ((offset + k * stride) % INCIDENTS), FIRING_STEPS[k % FIRING_STEPS.length]) as
      number | undefined;
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function setDueTimes(db: Raw, dues: Map<number, number>): void {
  const update = db.prepare('UPDATE IncidentStep SET dueAt = ? WHERE id = ?');
  db.transaction(() => {
    for (const [id, at] of dues) update.run(toDbDate(new Date(at)), id);
  })();
}

function stillPending(db: Raw, ids: number[]): () => number {
  const query = db
    .prepare(`SELECT count(*) FROM IncidentStep WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending'`)
    .pluck();
  const list = JSON.stringify(ids);
  return () => query.get(list) as number;
}

interface StepOutcome {
  id: number;
  dueAt: number;
  firedAt: number;
  state: string;
}
function outcomes(db: Raw, ids: number[]): StepOutcome[] {
  const rows = db
    .prepare(`SELECT id, dueAt, firedAt, state FROM IncidentStep WHERE id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(ids)) as { id: number; dueAt: string; firedAt: string | null; state: string }[];
  return rows.map((r) => ({
    id: r.id,
    dueAt: Date.parse(r.dueAt),
    firedAt: r.firedAt ? Date.parse(r.firedAt) : NaN,
    state: r.state,
  }));
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
async function measureTickCost(
  paths: { small: string; big: string },
  env: Record<string, string>,
  config: TplusConfig,
) {
  const open = async (path: string) => {
    const tplus = await buildTplus({
      env: parseEnv({ ...env, DATABASE_URL: `file:${path}` }),
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
  const sides = { small: await open(paths.small), big: await open(paths.big) };
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
async function measureLateness(path: string, env: Record<string, string>, slack: SlackEmulator) {
  slack.reset();
  const tplus = await startTplusChild({
    projectRoot: root,
    env: { ...env, DATABASE_URL: `file:${path}` },
    ...(CHILD_NODE_OPTIONS ? { nodeOptions: CHILD_NODE_OPTIONS } : {}),
  });
  const db = new Database(path, { timeout: 5000 });
  try {
    // A few idle ticks first, so the measured steps do not pay for Prisma's first-query compiles.
    await sleep(3000);
    const ids = pickSteps(db, LATE_STEPS, 0);
    const first = Date.now() + 2000;
    setDueTimes(db, new Map(ids.map((id, k) => [id, Math.round(first + (k * SPREAD_MS) / ids.length)])));
    const pending = stillPending(db, ids);
    const stopProbe = probeResponsiveness(tplus.port);
    const claimed = await until(() => pending() === 0, SPREAD_MS + 60_000, 250);
    const healthzMs = await stopProbe();
    let rows = outcomes(db, ids);
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
    rows = outcomes(db, ids);
    const outboxPending = db
      .prepare(`SELECT count(*) FROM OutboxMessage WHERE state = 'pending'`)
      .pluck()
      .get() as number;
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
    db.close();
    await tplus.stop();
  }
}

/**
 * Drain after a restart: tplus is stopped (SIGTERM), DRAIN_STEPS steps become 1–10 minutes overdue
 * as if tplus had been down, and a new process starts on the same file. The time runs from the
 * spawn, so it includes the cold start an operator's restart pays.
 */
async function measureDrain(path: string, env: Record<string, string>, slack: SlackEmulator) {
  const db = new Database(path, { timeout: 5000 });
  try {
    const ids = pickSteps(db, DRAIN_STEPS, 2);
    const now = Date.now();
    setDueTimes(db, new Map(ids.map((id, k) => [id, Math.round(now - 10 * 60_000 + (k * 9 * 60_000) / ids.length)])));
    const pending = stillPending(db, ids);
    slack.reset();
    const tplus = await startTplusChild({
      projectRoot: root,
      env: { ...env, DATABASE_URL: `file:${path}` },
      ...(CHILD_NODE_OPTIONS ? { nodeOptions: CHILD_NODE_OPTIONS } : {}),
    });
    try {
      const stopProbe = probeResponsiveness(tplus.port);
      const drained = await until(() => pending() === 0, 120_000, 50);
      const drainedAt = Date.now();
      const healthzMs = await stopProbe();
      const rows = outcomes(db, ids);
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
  } finally {
    db.close();
  }
}

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
  let report: Record<string, unknown>;
  try {
    const plan = benchPlan(root);
    const now = new Date();
    const smallPath = join(dir, 'small.db');
    const bigPath = join(dir, 'big.db');
    const seedSmall = seedDatabase({ path: smallPath, migrationsDir, incidents: SMALL_INCIDENTS, plan, now });
    const seedBig = seedDatabase({ path: bigPath, migrationsDir, incidents: INCIDENTS, plan, now });
    console.log(
      `seeded ${seedBig.stepRows} pending steps on ${INCIDENTS} incidents in ${ms(seedBig.ms)} ms (and ${seedSmall.stepRows} on ${SMALL_INCIDENTS})`,
    );

    const { small, big } = await measureTickCost({ small: smallPath, big: bigPath }, env, config);
    console.log(
      `tick cost: ${small.tickMs.p50} ms at ${small.pendingRows} pending, ${big.tickMs.p50} ms at ${big.pendingRows}`,
    );
    const lateness = await measureLateness(bigPath, env, slack);
    console.log(
      `lateness: p99 ${lateness.recordedLatenessMs.p99} ms recorded, ${lateness.deliveredLatenessMs.p99} ms to the Slack post`,
    );
    const drain = await measureDrain(bigPath, env, slack);
    console.log(`drain: ${drain.drainMsFromSpawn} ms from spawn`);

    const ratio = big.tickMs.p50 / small.tickMs.p50;
    const peakRssMb = Math.max(lateness.peakRssMb, drain.peakRssMb);
    report = {
      machine: { cores: cpus().length, node: process.version, cpu: cpus()[0]?.model },
      setup: {
        childNodeOptions: CHILD_NODE_OPTIONS ?? null,
        incidents: INCIDENTS,
        stepsPerIncident: plan.steps.length,
        pendingRows: big.pendingRows,
        smallIncidents: SMALL_INCIDENTS,
        ticks: TICKS,
        lateSteps: LATE_STEPS,
        spreadMs: SPREAD_MS,
        drainSteps: DRAIN_STEPS,
        seedMs: ms(seedBig.ms),
      },
      tickCost: {
        small,
        big,
        ratioP50: Math.round(ratio * 100) / 100,
        ratioP95: Math.round((big.tickMs.p95 / small.tickMs.p95) * 100) / 100,
      },
      lateness,
      drain,
      rss: {
        tplusPeakMb: Math.round(peakRssMb),
        source: 'VmHWM of the tplus child process (dist/main.js with the flags of bin/runtime.mjs)',
        nodeFlags: [...NODE_FLAGS, ...(CHILD_NODE_OPTIONS ? CHILD_NODE_OPTIONS.split(/\s+/).filter(Boolean) : [])],
        env: botCommand().env,
        benchProcessPeakMb: Math.round(benchPeakRss / 2 ** 20),
      },
      targets: TARGETS,
      verdicts: {
        latenessP99: lateness.recordedLatenessMs.p99 <= TARGETS.latenessP99Ms && lateness.allClaimed,
        tickCostRatio: ratio <= TARGETS.tickCostRatio,
        drain: drain.allDrained && drain.drainMsFromSpawn <= TARGETS.drainMs,
        rss: peakRssMb <= TARGETS.rssMb,
      },
      runtimeSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    clearInterval(rssSampler);
    await slack.close();
    await pagerduty.close();
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/engine.json'), `${JSON.stringify(report, null, 2)}\n`);
  printTable(report);
}

function printTable(report: Record<string, unknown>): void {
  const r = report as {
    tickCost: Awaited<ReturnType<typeof measureTickCost>> & { ratioP50: number };
    lateness: Awaited<ReturnType<typeof measureLateness>>;
    drain: Awaited<ReturnType<typeof measureDrain>>;
    rss: { tplusPeakMb: number; benchProcessPeakMb: number };
    verdicts: Record<string, boolean>;
    runtimeSeconds: number;
  };
  const verdict = (ok: boolean | undefined) => (ok ? 'PASS' : 'MISS');
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
    ['tplus peak RSS (child VmHWM)', `≤ ${TARGETS.rssMb} MB`, `${r.rss.tplusPeakMb} MB`, verdict(r.verdicts.rss)],
  ];
  console.log(`\n${'target'.padEnd(40)} ${'wanted'.padEnd(10)} ${'measured'.padEnd(10)} verdict`);
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
  console.log(
    `RSS: tplus ${r.rss.tplusPeakMb} MB; this process (emulators + in-process tick phase) ${r.rss.benchProcessPeakMb} MB; run took ${r.runtimeSeconds} s`,
  );
  console.log('written to bench/results/engine.json');
}

await main();
