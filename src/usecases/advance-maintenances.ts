import type { Clock } from './ports.ts';
import { publicationEffects } from './status-effects.ts';
import type { StatusPolicy } from './status-policy.ts';
import type { MaintenanceStatus, StatusIncidentRecord, StatusStore } from './status-ports.ts';

const MOVES = {
  in_progress: {
    state: 'under_maintenance',
    body: 'The scheduled maintenance is in progress. We will post an update when it is complete.',
  },
  completed: { state: 'operational', body: 'The scheduled maintenance has been completed.' },
} as const;

/** The move a maintenance is due for at `now`, if any: in progress at its start, completed at its end. */
export function dueMove(
  m: Pick<StatusIncidentRecord, 'status' | 'scheduledFor' | 'scheduledUntil'>,
  now: Date,
): 'in_progress' | 'completed' | undefined {
  if (m.status === 'scheduled' && m.scheduledFor && now.getTime() >= m.scheduledFor.getTime()) return 'in_progress';
  if (
    (m.status === 'in_progress' || m.status === 'verifying') &&
    m.scheduledUntil &&
    now.getTime() >= m.scheduledUntil.getTime()
  )
    return 'completed';
  return undefined;
}

/**
 * Sweep → claim → act for maintenance windows: each due move is written only if the maintenance
 * still has the status the move starts from (a conditional update in the store), so with several
 * ticks or processes it happens once. A window that passed while tplus was down still goes
 * through in progress, then completed, so its history stays true.
 */
export async function advanceMaintenances({
  statuses,
  policy,
  clock,
}: {
  statuses: StatusStore;
  policy: StatusPolicy;
  clock: Clock;
}): Promise<number> {
  const now = clock.now();
  let moved = 0;
  for (const open of await statuses.dueMaintenances(now)) {
    let m: Pick<StatusIncidentRecord, 'status' | 'scheduledFor' | 'scheduledUntil' | 'components'> = open;
    for (let move = dueMove(m, now); move; move = dueMove(m, now)) {
      const { state, body } = MOVES[move];
      const components = m.components.map((c) => ({ componentId: c.componentId, state }));
      const written = await statuses.publish({
        target: { statusIncidentId: open.id },
        expectedStatus: m.status as MaintenanceStatus,
        status: move,
        body,
        components,
        actor: 'tplus',
        at: now,
        effectsFor: (w) =>
          publicationEffects(policy, {
            ...w,
            isCreated: false,
            kind: 'maintenance',
            name: open.name,
            status: move,
            body,
            components,
            scheduledFor: open.scheduledFor,
            scheduledUntil: open.scheduledUntil,
            isForced: open.isForced,
          }),
      });
      if (!written) break;
      moved += 1;
      m = { ...m, status: move, components };
    }
  }
  return moved;
}
