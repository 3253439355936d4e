// The parts of bench/results/*.json the paper reads. Everything a later benchmark may add (soak,
// PostgreSQL, faults) is optional: the paper says "not measured in this run" when it is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseEndToEndBench, type EndToEndBenchResults } from './end-to-end-results.ts';

const ZLatency = z.object({
  p50: z.number(),
  p90: z.number().optional(),
  p95: z.number().optional(),
  p99: z.number(),
  max: z.number(),
});

const ZLoad = z.object({
  connections: z.number(),
  requestsPerSecond: z.number(),
  latencyMs: ZLatency,
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number().optional(),
  total: z.number(),
});

const ZEndToEnd = z.object({
  perMinute: z.number(),
  seconds: z.number(),
  sent: z.number(),
  cards: z.number(),
  errors: z.number(),
  latencyMs: ZLatency,
  /** One entry a second from the first send: events sent and cards delivered in that second. */
  perSecond: z.array(z.object({ second: z.number(), sent: z.number(), delivered: z.number() })).optional(),
});

const ZRun = z.object({
  date: z.string().optional(),
  commit: z.string().optional(),
  node: z.string().optional(),
  cores: z.number().optional(),
  cpu: z.string().optional(),
});

const ZIntake = z.object({
  machine: ZRun.optional(),
  run: ZRun.optional(),
  durationSeconds: z.number().optional(),
  payloadBytes: z.number().optional(),
  bareBolt: z.record(z.string(), ZLoad),
  bareHttp: z.record(z.string(), ZLoad).optional(),
  tplusDurableIntake: z.record(z.string(), ZLoad),
  tplusSocketMode: z.record(z.string(), ZLoad).optional(),
  /** Bare Bolt and tplus back to back at one connection count, fresh processes, several pairs. */
  paired: z
    .object({
      connections: z.number(),
      seconds: z.number(),
      pairs: z.array(z.object({ bareBolt: ZLoad, tplus: ZLoad, ratio: z.number(), p99Ratio: z.number() })),
      medianRatio: z.number(),
      medianP99Ratio: z.number(),
    })
    .optional(),
  targets: z.object({ ratioAtLeastC10: z.number(), p99RatioAtMostC10: z.number() }).partial().optional(),
  endToEnd: z.union([ZEndToEnd, z.array(ZEndToEnd)]).optional(),
});

/** One database's engine figures: the whole of an older engine.json, one entry of `byDatabase` now. */
const ZDrain = z.object({
  steps: z.number(),
  allDrained: z.boolean(),
  drainMsFromSpawn: z.number(),
  drainMsFromReady: z.number(),
  startupMs: z.number(),
  ticks: z.array(z.object({ atMs: z.number(), steps: z.number() })),
});

/**
 * Step lateness at several pending-row levels: each level's claimed lateness bucketed at fixed
 * edges (bucket i holds [edge i, edge i + 1), the last is open) and its percentiles.
 */
const ZLatenessByPending = z
  .object({
    bucketEdgesMs: z.array(z.number()),
    levels: z.array(
      z.object({
        pendingRows: z.number(),
        isTargetRun: z.boolean().optional(),
        steps: z.number(),
        spreadMs: z.number(),
        allClaimed: z.boolean().optional(),
        latenessMs: ZLatency,
        counts: z.array(z.number()),
      }),
    ),
  })
  .refine((h) => h.levels.every((l) => l.counts.length === h.bucketEdgesMs.length), {
    message: 'each lateness level needs one count per bucket edge',
  });

const ZEngineRun = z.object({
  tickCost: z
    .object({
      small: z.object({ pendingRows: z.number(), openIncidents: z.number(), tickMs: ZLatency }),
      big: z.object({ pendingRows: z.number(), openIncidents: z.number(), tickMs: ZLatency }),
    })
    .optional(),
  lateness: z
    .object({
      steps: z.number(),
      spreadMs: z.number(),
      recordedLatenessMs: ZLatency,
      deliveredLatenessMs: ZLatency,
      undelivered: z.number(),
    })
    .optional(),
  latenessByPending: ZLatenessByPending.optional(),
  drain: ZDrain.optional(),
  /** SQLite only: the larger restart drain (issue 15's 10,000 steps). */
  largeDrain: ZDrain.optional(),
  rss: z.object({ tplusPeakMb: z.number() }).optional(),
  /** PostgreSQL only: the server's version and how the bench ran it. */
  server: z.object({ version: z.string(), settings: z.string() }).optional(),
  verdicts: z.record(z.string(), z.boolean()).optional(),
});

/** The machine's load average (1, 5, 15 min) as the run began and ended: the machine may be shared. */
const ZLoadAverage = z.object({ atStart: z.array(z.number()), atEnd: z.array(z.number()) });

const ZEngine = ZEngineRun.extend({
  machine: ZRun.optional(),
  run: ZRun.optional(),
  loadAverage: ZLoadAverage.optional(),
  runtimeSeconds: z.number().optional(),
  targets: z.object({ latenessP99Ms: z.number(), drainMs: z.number(), largeDrainMs: z.number().optional() }).optional(),
  /** The same phases on each database, in the same run (bench:engine's BENCH_ENGINE_DATABASES). */
  byDatabase: z.object({ sqlite: ZEngineRun.optional(), postgresql: ZEngineRun.optional() }).optional(),
  soak: z
    .object({ minutes: z.number(), rssMb: z.array(z.object({ minute: z.number(), mb: z.number() })), lost: z.number() })
    .optional(),
});

/** One configuration of bench:replicas: every response of every replica's load in one histogram. */
const ZReplicaLoad = ZLoad.extend({
  replicas: z.number(),
  acksPerSecond: z.number(),
  acks: z.number(),
  inboxRows: z.number(),
  /** CPU time of the configuration's tplus processes during the load, per durable ack. */
  cpuMsPerAck: z.number().optional(),
  /** Cores busy on average during the load: tplus, the PostgreSQL server, the bench process (load generator). */
  cpuCores: z.object({ tplus: z.number(), postgres: z.number().optional(), loadGenerator: z.number() }).optional(),
});

/**
 * One replica and two with each tplus process in a cgroup limited to `cpuPerReplica` CPUs, as if
 * each were on its own machine (PostgreSQL and the load generator share the rest); or why not run.
 */
const ZCpuCapped = z.union([
  z.object({
    cpuPerReplica: z.number(),
    cgroup: z.string().optional(),
    runs: z.record(z.string(), z.object({ postgresqlOne: ZReplicaLoad, postgresqlTwo: ZReplicaLoad })),
  }),
  z.object({ skipped: z.string() }),
]);

const ZReplicas = z.object({
  machine: ZRun.optional(),
  run: ZRun.optional(),
  loadAverage: ZLoadAverage.optional(),
  durationSeconds: z.number().optional(),
  postgres: z.object({ version: z.string(), settings: z.string() }).optional(),
  runs: z.record(
    z.string(),
    z.object({ sqlite: ZReplicaLoad, postgresqlOne: ZReplicaLoad, postgresqlTwo: ZReplicaLoad }),
  ),
  targets: z.object({ twoReplicaRatioAtLeast: z.number(), p99AckMs: z.number() }),
  cpuCapped: ZCpuCapped.optional(),
});

export type Latency = z.infer<typeof ZLatency>;
export type Load = z.infer<typeof ZLoad>;
export type EndToEnd = z.infer<typeof ZEndToEnd>;
export type IntakeResults = z.infer<typeof ZIntake>;
export type EngineRun = z.infer<typeof ZEngineRun>;
export type LatenessByPending = z.infer<typeof ZLatenessByPending>;
export type EngineResults = z.infer<typeof ZEngine>;
export type ReplicaLoad = z.infer<typeof ZReplicaLoad>;
export type CpuCappedResults = z.infer<typeof ZCpuCapped>;
export type ReplicasResults = z.infer<typeof ZReplicas>;
export type Results = {
  intake?: IntakeResults;
  engine?: EngineResults;
  replicas?: ReplicasResults;
  /** bench:e2e's end-to-end.json: five runs, payload sizes, faults and the soak. */
  endToEndBench?: EndToEndBenchResults;
  files: string[];
};

const SCHEMAS = { intake: ZIntake, engine: ZEngine, replicas: ZReplicas } as const;

/**
 * The engine sections read the SQLite figures at the top level, as engine.json held them before
 * it had a database dimension: they are lifted from `byDatabase` (SQLite, else the only one).
 */
function liftEngine(engine: EngineResults): EngineResults {
  const reference = engine.byDatabase?.sqlite ?? engine.byDatabase?.postgresql;
  if (!reference) return engine;
  const { tickCost, lateness, latenessByPending, drain, largeDrain, rss } = reference;
  return { ...engine, tickCost, lateness, latenessByPending, drain, largeDrain, rss };
}

/** Parses what was read; a file of the wrong shape is an error, not a silently empty section. */
export function parseResults(files: Record<string, unknown>): Results {
  const results: Results = { files: Object.keys(files).sort() };
  for (const name of ['intake', 'engine', 'replicas'] as const) {
    if (files[`${name}.json`] === undefined) continue;
    const parsed = SCHEMAS[name].safeParse(files[`${name}.json`]);
    if (!parsed.success) throw new Error(`bench/results/${name}.json: ${z.prettifyError(parsed.error)}`);
    Object.assign(results, { [name]: parsed.data });
  }
  if (results.engine) results.engine = liftEngine(results.engine);
  if (files['end-to-end.json'] !== undefined) results.endToEndBench = parseEndToEndBench(files['end-to-end.json']);
  return results;
}

/** Reads every benchmark's results file that exists in `dir`. */
export function readResults(dir: string): Results {
  const files: Record<string, unknown> = {};
  for (const name of ['intake', 'replicas', 'engine', 'end-to-end', 'status', 'severity']) {
    const path = join(dir, `${name}.json`);
    if (existsSync(path)) files[`${name}.json`] = JSON.parse(readFileSync(path, 'utf8'));
  }
  return parseResults(files);
}
