import type { StatusStore } from '../usecases/status-ports.ts';

/**
 * Writes a maintenance as tplus would over its life: announced three days ahead, under way at
 * `from`, completed at `until`, on one component. For seeding tests, benchmarks and screenshots.
 */
export async function publishCompletedMaintenance(
  store: StatusStore,
  {
    name,
    componentId,
    from,
    until,
    actor,
  }: { name: string; componentId: string; from: Date; until: Date; actor: string },
): Promise<void> {
  const components = [{ componentId, state: 'under_maintenance' as const }];
  const created = await store.publish({
    target: { create: { kind: 'maintenance', name, impact: 'maintenance', scheduledFor: from, scheduledUntil: until } },
    status: 'scheduled',
    body: 'Planned work.',
    components,
    actor,
    at: new Date(from.getTime() - 3 * 86_400_000),
    isAnnouncement: true,
  });
  const target = { statusIncidentId: created?.statusIncidentId as number };
  await store.publish({ target, status: 'in_progress', body: 'Under way.', components, actor, at: from });
  await store.publish({
    target,
    status: 'completed',
    body: 'Done.',
    components: [{ componentId, state: 'operational' }],
    actor,
    at: until,
  });
}
