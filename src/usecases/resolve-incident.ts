import { incidentRef, pagerDutyDedupKey, type Incident } from '../domain/incident.ts';
import { dueAtOf, formatOffset } from '../domain/runbook/index.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { OutboxEffect } from './ports.ts';
import { incidentText, triageCardRefresh } from './incident-messages.ts';
import { resolvedUpdate } from './incident-status.ts';
import type { Ticket } from '../domain/ticket.ts';

/**
 * Resolves the incident and its ticket: open steps are cancelled, steps that count from the
 * resolution are scheduled, components return to operational, PagerDuty is resolved (unless it
 * told us), and the customer and triage hear it.
 */
export async function resolveIncident({
  incidents,
  policy,
  at,
  incident,
  ticket,
  by,
  via,
  summary,
  isUpstreamCause,
  isCustomerCaused = false,
  upstreamProvider,
  causeInboxId,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  at: Date;
  incident: Incident;
  by: string;
  via: 'slack' | 'pagerduty';
  /** The incident's ticket, whose customer thread hears of the resolution. */
  ticket?: Ticket;
  summary: string;
  isUpstreamCause: boolean;
  isCustomerCaused?: boolean;
  upstreamProvider: string | null;
  causeInboxId?: number;
}): Promise<boolean> {
  const moments = { startedAt: incident.startedAt, acknowledgedAt: incident.acknowledgedAt, resolvedAt: at };
  const anchoredDues = incident.plan.steps
    .filter((s) => s.at.after === 'resolved')
    .map((s) => ({
      stepId: s.id,
      dueAt: dueAtOf(s, moments, policy.addBusinessMinutesFor(incident.customerId)) as Date,
    }));
  const ref = incidentRef(incident.id);
  const offset = formatOffset(incident.startedAt, at);
  const note = (text: string) => incidentText(incident, text);
  const effects: OutboxEffect[] = [
    {
      kind: 'slack.post',
      key: `incident:${incident.id}:resolved:triage`,
      channel: policy.triageChannelId,
      message: note(
        `:large_green_circle: *${ref}* resolved at ${offset} by ${via === 'slack' ? `<@${by}>` : `${by} (PagerDuty)`}.${isUpstreamCause ? ` Cause: upstream${upstreamProvider ? ` (${upstreamProvider})` : ''}.` : ''}${isCustomerCaused ? ' Cause: customer.' : ''}`,
      ),
    },
  ];
  if (via === 'slack')
    effects.push({
      kind: 'pagerduty.event',
      key: `incident:${incident.id}:pagerduty-resolve`,
      event: { action: 'resolve', dedupKey: pagerDutyDedupKey(incident.id) },
    });
  if (incident.channelId)
    effects.push({
      kind: 'slack.post',
      key: `incident:${incident.id}:resolved:room`,
      channel: incident.channelId,
      message: note(`:large_green_circle: Resolved at ${offset}. Thank you all.`),
    });
  effects.push(triageCardRefresh(incident, at, 'resolved'));
  if (incident.ticketId !== null) {
    // In the customer's own thread; a ticket filed from a modal has its thread on our first reply.
    const where = ticket?.threadTs
      ? { channel: ticket.channelId, threadTs: ticket.threadTs }
      : { channel: '', threadOf: { key: `ticket:${incident.ticketId}:customer-ack` } };
    effects.push({
      kind: 'slack.post',
      key: `incident:${incident.id}:resolved:customer`,
      ...where,
      message: note(`This issue (${ref}) is resolved. We will follow up with what happened.`),
    });
  }
  return incidents.resolve(
    { incidentId: incident.id, by, at, summary, isUpstreamCause, isCustomerCaused, upstreamProvider, anchoredDues },
    {
      at,
      ...(causeInboxId !== undefined ? { causeInboxId } : {}),
      events: [
        {
          kind: 'resolved',
          actor: by,
          text: `${offset} Resolved by ${by} in ${via === 'slack' ? 'Slack' : 'PagerDuty'}${summary ? `: ${summary}` : ''}`,
          detail: { via, isUpstreamCause, isCustomerCaused, upstreamProvider },
        },
      ],
      effects,
      statusChanges: incident.components.map((componentId) => ({
        componentId,
        state: 'operational' as const,
        source: 'resolution',
      })),
      ...(policy.status ? { statusUpdate: resolvedUpdate(policy.status, incident, by) } : {}),
    },
  );
}
