import { isResponder } from '../domain/customer-directory.ts';
import type { Incident } from '../domain/incident.ts';
import { formatOffset } from '../domain/runbook/index.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { Clock } from './ports.ts';
import { publicationEffects } from './status-effects.ts';
import {
  impactOf,
  isComponentState,
  MAX_STATUS_MESSAGE,
  MIN_STATUS_MESSAGE,
  publicIncidentText,
  type StatusPolicy,
} from './status-policy.ts';
import { INCIDENT_STATUSES, type ComponentImpact, type IncidentStatus, type StatusStore } from './status-ports.ts';

/** What a publish attempt came to; `invalid` names the fields to fix (modal errors). */
export type StatusOutcome =
  | { outcome: 'published'; statusIncidentId: number }
  | { outcome: 'replayed' }
  | { outcome: 'refused'; message: string }
  | { outcome: 'invalid'; errors: Record<string, string> };

export const REFUSE_NOT_RESPONDER = 'Only on-call responders can publish to the status page. Nothing was published.';

/** `current` with `changes` applied: each named component takes its new state. */
export function mergeImpacts(
  current: readonly ComponentImpact[],
  changes: readonly ComponentImpact[],
): ComponentImpact[] {
  const merged = new Map(current.map((c) => [c.componentId, c.state]));
  for (const c of changes) merged.set(c.componentId, c.state);
  return [...merged].map(([componentId, state]) => ({ componentId, state }));
}

/** Checks the modal's values; errors are keyed `status`, `message`, `components` or `component:<id>`. */
export function validateUpdate(
  policy: StatusPolicy,
  {
    status,
    message,
    components,
  }: { status: string; message: string; components: { componentId: string; state: string }[] },
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!INCIDENT_STATUSES.includes(status as IncidentStatus))
    errors.status = `Choose one of: ${INCIDENT_STATUSES.join(', ')}.`;
  const text = message.trim();
  if (text.length < MIN_STATUS_MESSAGE)
    errors.message = `Write the public message (at least ${MIN_STATUS_MESSAGE} characters): what customers see and what we are doing.`;
  else if (text.length > MAX_STATUS_MESSAGE)
    errors.message = `Keep the public message under ${MAX_STATUS_MESSAGE} characters (it has ${text.length}).`;
  const known = new Set(policy.components.map((c) => c.id));
  const unknown = components.filter((c) => !known.has(c.componentId)).map((c) => c.componentId);
  if (unknown.length > 0) errors.components = `Unknown component(s): ${unknown.join(', ')}.`;
  for (const c of components)
    if (known.has(c.componentId) && !isComponentState(c.state))
      errors[`component:${c.componentId}`] = 'Choose a state for this component.';
  return errors;
}

/**
 * Publishes a public update for an incident ("Update status"): responders only. The first update
 * opens the incident's status incident, named from public facts only; an update to a resolved
 * status incident is refused. "Resolved" returns every affected component to operational. It is
 * written in the incident's own transaction, decided from its status incident as it is then (a
 * runbook step opening it at the same moment cannot make two), with the timeline line, the
 * component states, the customer channel posts and the Statuspage mirror; the transaction also
 * claims the Slack action, so a replay publishes nothing.
 */
export async function publishStatusUpdate({
  incidents,
  statuses,
  policy,
  clock,
  incident,
  actor,
  status,
  message,
  components,
  upstreamProvider,
  causeInboxId,
}: {
  incidents: IncidentStore;
  statuses: StatusStore;
  policy: StatusPolicy;
  clock: Clock;
  incident: Pick<Incident, 'id' | 'startedAt'>;
  actor: { id: string; teamId: string | undefined };
  status: string;
  message: string;
  components: { componentId: string; state: string }[];
  /** A configured provider the incident names, for the public name of a new status incident. */
  upstreamProvider?: string;
  causeInboxId?: number;
}): Promise<StatusOutcome> {
  if (!isResponder(policy.responderIds, policy.directory.ourTeamId, actor))
    return { outcome: 'refused', message: REFUSE_NOT_RESPONDER };
  if ((await statuses.byIncident(incident.id))?.resolvedAt)
    return {
      outcome: 'refused',
      message:
        'The public incident is already resolved; nothing was published. Open a new incident if the problem is back.',
    };
  const errors = validateUpdate(policy, { status, message, components });
  if (Object.keys(errors).length > 0) return { outcome: 'invalid', errors };
  const chosen = status as IncidentStatus;
  const given = components as ComponentImpact[];
  const body = message.trim();
  const at = clock.now();
  let statusIncidentId = 0;
  const isApplied = await incidents.record(incident.id, {
    at,
    ...(causeInboxId !== undefined ? { causeInboxId } : {}),
    events: [
      {
        kind: 'status',
        actor: actor.id,
        text: `${formatOffset(incident.startedAt, at)} Status page: ${chosen} — ${body}`,
        detail: { status: chosen, components: given },
      },
    ],
    statusUpdate: (current) => {
      // Resolved means back to normal: every component the incident affected, named or not.
      const changes =
        chosen === 'resolved'
          ? mergeImpacts(current?.components ?? [], given).map((c) => ({
              componentId: c.componentId,
              state: 'operational' as const,
            }))
          : given;
      const after = mergeImpacts(current?.components ?? [], changes);
      const name = current?.name ?? publicIncidentText(policy, { components: after, upstreamProvider }).name;
      return {
        target: current
          ? { statusIncidentId: current.id }
          : {
              create: {
                kind: 'incident',
                incidentId: incident.id,
                name,
                impact: impactOf(after),
                ...(upstreamProvider ? { upstreamProvider } : {}),
              },
            },
        status: chosen,
        body,
        components: changes,
        actor: actor.id,
        effectsFor: (w) => {
          statusIncidentId = w.statusIncidentId;
          return publicationEffects(policy, {
            ...w,
            isCreated: !current,
            kind: 'incident',
            name,
            status: chosen,
            body,
            components: after,
          });
        },
      };
    },
  });
  return isApplied ? { outcome: 'published', statusIncidentId } : { outcome: 'replayed' };
}
