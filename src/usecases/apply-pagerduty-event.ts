import { incidentIdFromDedupKey } from '../domain/incident.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock, TicketStore } from './ports.ts';
import { resolveIncident } from './resolve-incident.ts';
import { acknowledgeIncident } from './sync-incidents.ts';

export interface PagerDutyChange {
  eventType: string;
  incidentKey?: string;
  agentSummary?: string;
  occurredAt: Date;
}

/**
 * A verified PagerDuty webhook, taken from the inbox: an acknowledgement or resolution in
 * PagerDuty updates the incident, its ticket and its Slack cards. Events about incidents tplus
 * did not open, or that change nothing (already acknowledged), are recorded as no-ops.
 */
export async function applyPagerDutyEvent({
  incidents,
  tickets,
  policy,
  clock,
  change,
  inboxId,
}: {
  incidents: IncidentStore;
  tickets: TicketStore;
  policy: IncidentPolicy;
  clock: Clock;
  change: PagerDutyChange;
  inboxId: number;
}): Promise<string> {
  const incidentId = incidentIdFromDedupKey(change.incidentKey);
  const incident = incidentId === undefined ? undefined : await incidents.get(incidentId);
  if (!incident) return 'not a tplus incident';
  const by = change.agentSummary ?? 'PagerDuty';
  const at = clock.now();
  switch (change.eventType) {
    case 'incident.acknowledged':
      return (await acknowledgeIncident({
        incidents,
        policy,
        at,
        incident,
        by,
        via: 'pagerduty',
        causeInboxId: inboxId,
      }))
        ? 'acknowledged'
        : 'already acknowledged or resolved';
    case 'incident.resolved': {
      const ticket = incident.ticketId !== null ? await tickets.get(incident.ticketId) : undefined;
      return (await resolveIncident({
        incidents,
        policy,
        at,
        incident,
        ...(ticket ? { ticket } : {}),
        by,
        via: 'pagerduty',
        summary: '',
        isUpstreamCause: false,
        upstreamProvider: null,
        causeInboxId: inboxId,
      }))
        ? 'resolved'
        : 'already resolved';
    }
    default:
      await incidents.record(incident.id, {
        at,
        causeInboxId: inboxId,
        events: [
          {
            kind: 'pagerduty',
            actor: by,
            text: `PagerDuty: ${change.eventType}`,
            detail: { occurredAt: change.occurredAt.toISOString() },
          },
        ],
      });
      return 'recorded';
  }
}
