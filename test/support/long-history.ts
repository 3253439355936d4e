import { publishCompletedMaintenance } from '../../src/sandbox/completed-maintenance.ts';
import type { StatusStore } from '../../src/usecases/status-ports.ts';

const DAY = 86_400_000;

/**
 * More history than the page's 12 months and the API's 50: `incidents` resolved incidents, one
 * every 10 days back from `now` (about 20 months for 60), and `maintenances` completed
 * maintenances, one a month. Written through the store as tplus writes them.
 */
export async function seedLongHistory({
  status,
  now,
  incidents = 60,
  maintenances = 14,
}: {
  status: StatusStore;
  now: Date;
  incidents?: number;
  maintenances?: number;
}) {
  for (let i = 0; i < incidents; i++) {
    const at = new Date(now.getTime() - (i + 1) * 10 * DAY);
    const opened = await status.publish({
      target: { create: { kind: 'incident', name: `Slow exports #${i + 1}`, impact: i % 2 ? 'minor' : 'major' } },
      status: 'investigating',
      body: `Exports are slow (#${i + 1}).`,
      components: [{ componentId: 'exports', state: 'partial_outage' }],
      actor: 'U0SEED',
      at,
    });
    await status.publish({
      target: { statusIncidentId: opened?.statusIncidentId as number },
      status: 'resolved',
      body: `Exports are back to normal (#${i + 1}).`,
      components: [{ componentId: 'exports', state: 'operational' }],
      actor: 'U0SEED',
      at: new Date(at.getTime() + 45 * 60_000),
    });
  }
  for (let m = 0; m < maintenances; m++) {
    const from = new Date(now.getTime() - (m + 1) * 30 * DAY + 5 * DAY);
    const until = new Date(from.getTime() + 2 * 3_600_000);
    await publishCompletedMaintenance(status, {
      name: `Database upgrade ${m + 1}`,
      componentId: 'dashboard',
      from,
      until,
      actor: 'U0SEED',
    });
  }
}
