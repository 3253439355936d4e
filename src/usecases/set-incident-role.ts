import { incidentRef, type Incident } from '../domain/incident.ts';
import type { IncidentRoleStore } from './incident-ports.ts';
import type { Clock } from './ports.ts';

export type IncidentRole = 'commander' | 'comms';
const ROLE_NAME: Record<IncidentRole, string> = { commander: 'incident commander', comms: 'communications lead' };

/**
 * Gives a person a role on an open incident: the incident row, a timeline line and a notice in the
 * incident channel in one transaction with the inbox entry (the pinned summary follows, store/).
 * Who may be named (internal, not a bot) is the caller's check: it needs Slack.
 */
export async function setIncidentRole({
  incidents,
  clock,
  incident,
  role,
  userId,
  actorId,
  causeInboxId,
}: {
  incidents: IncidentRoleStore;
  clock: Clock;
  incident: Incident;
  role: IncidentRole;
  userId: string;
  actorId: string;
  causeInboxId: number;
}): Promise<string> {
  const ref = incidentRef(incident.id);
  if (incident.resolvedAt) return `${ref} is resolved; its roles no longer change. Nothing changed.`;
  const at = clock.now();
  const isSet = await incidents.setRole(
    { incidentId: incident.id, role, userId },
    {
      at,
      causeInboxId,
      events: [{ kind: 'role', actor: actorId, text: `${ROLE_NAME[role]}: ${userId}`, detail: { role, userId } }],
      effects: incident.channelId
        ? [
            {
              kind: 'slack.post',
              key: `incident:${incident.id}:role:${role}:${causeInboxId}`,
              channel: incident.channelId,
              message: {
                view: 'text',
                data: {
                  text: `:busts_in_silhouette: <@${userId}> is now the ${ROLE_NAME[role]} of *${ref}* (set by <@${actorId}>).`,
                  title: '',
                },
              },
            },
          ]
        : [],
    },
  );
  return isSet
    ? `<@${userId}> is now the ${ROLE_NAME[role]} of ${ref}.`
    : `${ref} did not change (already handled, or resolved meanwhile).`;
}
