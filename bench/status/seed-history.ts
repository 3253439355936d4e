import { openDatabase } from '../../src/store/database.ts';
import { createStatusStore } from '../../src/store/status-store.ts';
import { publishCompletedMaintenance } from '../../src/sandbox/completed-maintenance.ts';
import type { ComponentState } from '../../src/domain/uptime/index.ts';
import type { StatusImpact } from '../../src/usecases/status-ports.ts';

const DAY = 86_400_000;
const STATES: ComponentState[] = ['degraded_performance', 'partial_outage', 'major_outage'];
const IMPACTS: StatusImpact[] = ['minor', 'major', 'critical'];

/**
 * 12 months of history written through the status store as tplus writes it: `incidents`
 * incidents spread evenly, each opened, identified, monitored and resolved on 1–3 components
 * (four updates, each a component change), plus a monthly completed maintenance. A fixed
 * pseudo-random sequence keeps runs comparable.
 */
export async function seedHistory({
  databaseUrl,
  migrationsDir,
  now,
  componentIds,
  incidents,
}: {
  databaseUrl: string;
  migrationsDir: string;
  now: Date;
  componentIds: string[];
  incidents: number;
}) {
  const db = await openDatabase({ databaseUrl, migrationsDir });
  const store = createStatusStore(db);
  let seed = 42;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const start = now.getTime() - 365 * DAY;
  const spacing = (365 * DAY) / incidents;
  for (let i = 0; i < incidents; i++) {
    const at = start + i * spacing + random() * spacing * 0.5;
    const kind = Math.floor(random() * 3);
    const affected = Array.from(
      { length: 1 + Math.floor(random() * 3) },
      () => componentIds[Math.floor(random() * componentIds.length)] as string,
    );
    const down = [...new Set(affected)].map((componentId) => ({ componentId, state: STATES[kind] as ComponentState }));
    const up = down.map((c) => ({ ...c, state: 'operational' as const }));
    const minutes = 10 + random() * 170;
    const step = (n: number) => new Date(at + n * minutes * 15_000);
    const opened = await store.publish({
      target: {
        create: {
          kind: 'incident',
          name: `Elevated errors on ${down.map((c) => c.componentId).join(', ')} (#${i + 1})`,
          impact: IMPACTS[kind] as StatusImpact,
        },
      },
      status: 'investigating',
      body: 'We are investigating elevated error rates. We will post an update as soon as we know more.',
      components: down,
      actor: 'bench',
      at: new Date(at),
    });
    const target = { statusIncidentId: opened?.statusIncidentId as number };
    await store.publish({
      target,
      status: 'identified',
      body: 'The cause is identified; a fix is being deployed.',
      components: down,
      actor: 'bench',
      at: step(1),
    });
    await store.publish({
      target,
      status: 'monitoring',
      body: 'A fix is deployed; we are monitoring.',
      components: up,
      actor: 'bench',
      at: step(2),
    });
    await store.publish({
      target,
      status: 'resolved',
      body: 'This incident is resolved.',
      components: up,
      actor: 'bench',
      at: step(4),
    });
  }
  for (let month = 1; month <= 12; month++) {
    const from = new Date(now.getTime() - month * 30 * DAY);
    const until = new Date(from.getTime() + 2 * 3_600_000);
    await publishCompletedMaintenance(store, {
      name: `Planned maintenance ${month}`,
      componentId: componentIds[month % componentIds.length] as string,
      from,
      until,
      actor: 'bench',
    });
  }
  const counts = {
    incidents: await db.prisma.statusIncident.count(),
    updates: await db.prisma.statusUpdate.count(),
    componentChanges: await db.prisma.componentStatusChange.count(),
  };
  return { store, counts, close: () => db.close() };
}
