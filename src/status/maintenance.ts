import type { Interval } from '../domain/uptime/index.ts';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';

/**
 * The time a maintenance really excuses: inside its announced window and while it was under way
 * (from going in progress to completion). An overrun past the announced end counts as downtime;
 * a maintenance that never started excuses nothing.
 */
export function maintenanceWindow(m: StatusIncidentRecord, now: Date): Interval | undefined {
  if (m.kind !== 'maintenance' || !m.scheduledFor || !m.scheduledUntil) return undefined;
  const started = [...m.updates].reverse().find((u) => u.status !== 'scheduled');
  if (!started) return undefined;
  const end = m.resolvedAt ?? now;
  const from = new Date(Math.max(m.scheduledFor.getTime(), started.displayAt.getTime()));
  const to = new Date(Math.min(m.scheduledUntil.getTime(), end.getTime()));
  return to > from ? { from, to } : undefined;
}

/** Each component's excused maintenance windows. */
export function maintenanceByComponent(records: readonly StatusIncidentRecord[], now: Date): Map<string, Interval[]> {
  const byComponent = new Map<string, Interval[]>();
  for (const m of records) {
    const window = maintenanceWindow(m, now);
    if (!window) continue;
    for (const c of m.components) byComponent.set(c.componentId, [...(byComponent.get(c.componentId) ?? []), window]);
  }
  return byComponent;
}
