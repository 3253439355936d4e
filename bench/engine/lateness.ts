// The lateness phase of bench:engine: steps made due over a spread, run by a real tplus child.
import type { BenchDb } from './bench-db.ts';
import { startChild, type PhaseContext } from './phase-context.ts';
import { pickSteps } from './pick-steps.ts';
import { awaitPosts, probeResponsiveness, stateCounts, until } from './probes.ts';
import { sleep, summarize } from './stats.ts';

/**
 * Lateness with the real 1-second node-cron tick and the system clock: `steps` steps (one firing
 * step on as many of the database's `incidents`) are made due evenly over `spreadMs` (so their due
 * times fall at every point within a second), and tplus runs them while idle-sweeping the other
 * pending rows. `recordedMs` is every claimed step's firedAt − dueAt, for the histogram.
 */
export async function measureLateness({
  context,
  db,
  url,
  incidents,
  steps,
  spreadMs,
}: {
  context: PhaseContext;
  db: BenchDb;
  url: string;
  incidents: number;
  steps: number;
  spreadMs: number;
}) {
  const { slack } = context;
  slack.reset();
  const tplus = await startChild(context, url);
  try {
    // A few idle ticks first, so the measured steps do not pay for Prisma's first-query compiles.
    await sleep(3000);
    const ids = await pickSteps(db, incidents, steps, 0);
    const first = Date.now() + 2000;
    await db.setDueTimes(new Map(ids.map((id, k) => [id, Math.round(first + (k * spreadMs) / ids.length)])));
    const stopProbe = probeResponsiveness(tplus.port);
    const claimed = await until(async () => (await db.pendingCount(ids)) === 0, spreadMs + 60_000, 250);
    const healthzMs = await stopProbe();
    let rows = await db.outcomes(ids);
    const fired = rows.filter((r) => r.state === 'done');
    const posts = await awaitPosts(slack, fired);
    rows = await db.outcomes(ids);
    const outboxPending = await db.outboxPending();
    const slowTicksMs = [...tplus.slowTicksMs];
    const { peakRssMb } = await tplus.stop();
    // What tplus records: firedAt is the `now` read at the start of the tick's runDueSteps.
    const recordedMs = rows.filter((r) => !Number.isNaN(r.firedAt)).map((r) => r.firedAt - r.dueAt);
    const lateness = {
      steps: ids.length,
      spreadMs,
      allClaimed: claimed,
      states: stateCounts(rows),
      recordedLatenessMs: summarize(recordedMs),
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
    return { lateness, recordedMs };
  } finally {
    await tplus.stop();
  }
}

export type LatenessRun = Awaited<ReturnType<typeof measureLateness>>;
