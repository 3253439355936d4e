// bench:engine's settings, read from the environment once by main (bench/engine.bench.ts).

export type DatabaseKind = 'sqlite' | 'postgresql';

export const TARGETS = { latenessP99Ms: 1500, tickCostRatio: 2, drainMs: 10_000, largeDrainMs: 20_000, rssMb: 200 };

/**
 * Steps whose condition holds on the seeded incidents (acknowledged, unresolved, nobody engaged),
 * so each one really fires and sends Slack posts: the outbox load belongs to the measurement.
 */
export const FIRING_STEPS = ['engaged', 'manager', 'vp-and-success'];

/**
 * The lateness histogram's lower bucket edges in ms; the last bucket is open (≥ 3,000 ms). Fixed,
 * so histograms from different runs, levels and databases can be read against each other.
 */
export const LATENESS_BUCKET_EDGES_MS = [0, 50, 100, 250, 500, 1000, 1500, 3000];

export function readSettings(env: NodeJS.ProcessEnv = process.env) {
  const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
  const incidents = num('BENCH_ENGINE_INCIDENTS', 10_000);
  const databases = (env.BENCH_ENGINE_DATABASES ?? 'sqlite,postgresql').split(',').map((d): DatabaseKind => {
    if (d !== 'sqlite' && d !== 'postgresql') throw new Error(`BENCH_ENGINE_DATABASES: unknown database ${d}`);
    return d;
  });
  const latenessPending = (env.BENCH_ENGINE_LATENESS_PENDING ?? '1000,10000,100000')
    .split(',')
    .filter((v) => v.trim() !== '')
    .map((v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_ENGINE_LATENESS_PENDING: not a row count: ${v}`);
      return n;
    });
  return {
    incidents,
    // A hundredth of the incidents: 1,000 pending rows against 100,000.
    smallIncidents: Math.max(1, Math.round(incidents / 100)),
    ticks: num('BENCH_ENGINE_TICKS', 50),
    lateSteps: num('BENCH_ENGINE_LATE_STEPS', 2_000),
    spreadMs: num('BENCH_ENGINE_SPREAD_S', 60) * 1000,
    /**
     * The lateness histogram's pending-row levels. The level of all the incidents is the lateness
     * phase the target checks; each other level is a database seeded with that many rows (the 1 %
     * copy of the tick-cost phase when the size matches) and a shorter lateness run on it.
     */
    latenessPending,
    /** The longest spread of a level other than the target's; its steps come due at the target's rate. */
    levelSpreadMs: num('BENCH_ENGINE_LATENESS_LEVEL_SPREAD_S', 15) * 1000,
    drainSteps: num('BENCH_ENGINE_DRAIN_STEPS', 1_000),
    // Issue 15's larger restart drain, on SQLite only (0 skips it).
    largeDrainSteps: num('BENCH_ENGINE_LARGE_DRAIN_STEPS', 10_000),
    // Extra node flags for the tplus child only, after bin/runtime.mjs's (the same variable as the
    // other benches), to try settings.
    childNodeOptions: env.BENCH_TPLUS_FLAGS,
    // Each database runs every phase on its own seeded copy; PostgreSQL on a server this bench starts.
    databases,
  };
}

export type EngineSettings = ReturnType<typeof readSettings>;
