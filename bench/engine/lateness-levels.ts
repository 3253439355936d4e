// The lateness histogram at several pending-row levels (1k / 10k / 100k by default): the target's
// lateness phase at all the pending rows, and the same phase on smaller seeded databases.
import type { BenchDb } from './bench-db.ts';
import { measureLateness, type LatenessRun } from './lateness.ts';
import type { PhaseContext } from './phase-context.ts';
import { LATENESS_BUCKET_EDGES_MS } from './settings.ts';
import { histogram } from './stats.ts';

/** A database seeded for one level other than the target's. */
export interface LevelDatabase {
  pendingRows: number;
  incidents: number;
  url: string;
  open(): BenchDb;
}

/**
 * How many steps a level other than the target's moves, and over how long: they come due at the
 * target run's rate (lateSteps over spreadMs), so a tick has as many steps to claim at each level
 * and only the pending rows differ; at most one a seeded incident and `levelSpreadMs` long.
 */
export function levelRun({
  incidents,
  lateSteps,
  spreadMs,
  levelSpreadMs,
}: {
  incidents: number;
  lateSteps: number;
  spreadMs: number;
  levelSpreadMs: number;
}): { steps: number; spreadMs: number } {
  const perMs = lateSteps / spreadMs;
  const steps = Math.max(1, Math.min(lateSteps, incidents, Math.round(perMs * levelSpreadMs)));
  return { steps, spreadMs: Math.round(steps / perMs) };
}

function levelEntry(
  { pendingRows, incidents }: { pendingRows: number; incidents: number },
  isTargetRun: boolean,
  { lateness, recordedMs }: LatenessRun,
) {
  return {
    pendingRows,
    incidents,
    isTargetRun,
    steps: lateness.steps,
    spreadMs: lateness.spreadMs,
    allClaimed: lateness.allClaimed,
    latenessMs: lateness.recordedLatenessMs,
    counts: histogram(recordedMs, LATENESS_BUCKET_EDGES_MS),
    deliveredP99Ms: lateness.deliveredLatenessMs.p99,
    slowTicks: lateness.slowTicks,
    missedCronFires: lateness.missedCronFires,
    errors: lateness.errors,
  };
}

/**
 * Each level in ascending pending rows: the target's from its run (`target`, when it is one of the
 * levels), the others measured here. `extraSeconds` is what those other runs added to the database's run time.
 */
export async function measureLatenessLevels({
  context,
  target,
  levels,
  lateSteps,
  spreadMs,
  levelSpreadMs,
}: {
  context: PhaseContext;
  target: { pendingRows: number; incidents: number; run: LatenessRun } | undefined;
  levels: LevelDatabase[];
  lateSteps: number;
  spreadMs: number;
  levelSpreadMs: number;
}) {
  const started = Date.now();
  const entries = target ? [levelEntry(target, true, target.run)] : [];
  for (const level of levels) {
    const db = level.open();
    try {
      const run = await measureLateness({
        context,
        db,
        url: level.url,
        incidents: level.incidents,
        ...levelRun({ incidents: level.incidents, lateSteps, spreadMs, levelSpreadMs }),
      });
      entries.push(levelEntry(level, false, run));
    } finally {
      await db.close();
    }
  }
  return {
    /** Lower edges; bucket i holds [edge i, edge i + 1), the last is open. */
    bucketEdgesMs: LATENESS_BUCKET_EDGES_MS,
    extraSeconds: Math.round((Date.now() - started) / 1000),
    levels: entries.sort((a, b) => a.pendingRows - b.pendingRows),
  };
}

export type LatenessLevels = Awaited<ReturnType<typeof measureLatenessLevels>>;
