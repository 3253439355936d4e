// The restart-drain phase of bench:engine: overdue steps claimed by a freshly started tplus.
import type { BenchDb } from './bench-db.ts';
import { startChild, type PhaseContext } from './phase-context.ts';
import { awaitPosts, batches, probeResponsiveness, stateCounts, until } from './probes.ts';

/**
 * Drain after a restart: tplus is stopped (SIGTERM), the `ids` steps become 1–10 minutes overdue
 * as if tplus had been down, and a new process starts on the same file. The time runs from the
 * spawn, so it includes the cold start an operator's restart pays.
 */
export async function measureDrain({
  context,
  db,
  url,
  ids,
}: {
  context: PhaseContext;
  db: BenchDb;
  url: string;
  ids: number[];
}) {
  const now = Date.now();
  await db.setDueTimes(
    new Map(ids.map((id, k) => [id, Math.round(now - 10 * 60_000 + (k * 9 * 60_000) / ids.length)])),
  );
  context.slack.reset();
  const tplus = await startChild(context, url);
  try {
    const stopProbe = probeResponsiveness(tplus.port);
    const drained = await until(async () => (await db.pendingCount(ids)) === 0, 120_000, 50);
    const drainedAt = Date.now();
    const healthzMs = await stopProbe();
    const rows = await db.outcomes(ids);
    const fired = rows.filter((r) => r.state === 'done');
    const posts = await awaitPosts(context.slack, fired);
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
      states: stateCounts(rows),
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
