import type { manualClock } from '../../src/engine/clock.ts';
import { startHarness } from './harness.ts';
import { seedLongHistory } from './long-history.ts';
import { seedStatusScenario } from './status-seed.ts';

/**
 * tplus on a fresh database with the status acceptance scenario (and, when asked, a longer
 * history written before it), as the status page tests start.
 */
export async function startStatusHarness({
  clock,
  history,
}: {
  clock: ReturnType<typeof manualClock>;
  history?: { incidents?: number; maintenances?: number };
}) {
  const h = await startHarness({ clock });
  if (history) await seedLongHistory({ status: h.tplus.status, now: clock.now(), ...history });
  const seeded = await seedStatusScenario({ status: h.tplus.status, prisma: h.tplus.db.prisma, now: clock.now() });
  return { h, base: new URL(h.webhookUrl).origin, ...seeded };
}
