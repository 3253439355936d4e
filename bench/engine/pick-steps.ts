// Which pending steps a phase moves: firing steps, so each really fires and posts to Slack.
import type { BenchDb } from './bench-db.ts';
import { FIRING_STEPS } from './settings.ts';

/**
 * One firing step on each of `count` of the database's `incidents` spread over the id range (every
 * stride-th from `offset`), so the lateness and drain phases use different incidents and never find
 * a step done.
 */
export async function pickSteps(db: BenchDb, incidents: number, count: number, offset: number): Promise<number[]> {
  const stride = Math.max(1, Math.floor(incidents / count));
  const pairs = Array.from(
    { length: incidents },
    (_, k) => [1 + ((offset + k * stride) % incidents), FIRING_STEPS[k % FIRING_STEPS.length]!] as [number, string],
  );
  return (await db.pendingStepIds(pairs)).filter((id): id is number => id !== undefined).slice(0, count);
}

/** Up to `count` pending firing steps, every firing step of each incident in turn. */
export async function pickAllSteps(db: BenchDb, incidents: number, count: number): Promise<number[]> {
  const pairs = FIRING_STEPS.flatMap((step) =>
    Array.from({ length: incidents }, (_, k) => [1 + k, step] as [number, string]),
  );
  return (await db.pendingStepIds(pairs)).filter((id): id is number => id !== undefined).slice(0, count);
}
