import { incidentRef, pagerDutyDedupKey, type Incident } from '../domain/incident.ts';
import { dueAtOf, freezePlan, freezeTicketPlan, planSteps, replanIncident } from '../domain/runbook/index.ts';
import { ticketRef, type Ticket } from '../domain/ticket.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock } from './ports.ts';
import { incidentText, triageCardRefresh } from './incident-messages.ts';

/**
 * Keeps incidents in step with their tickets, as a sweep: a ticket without an incident gets one
 * (T+0 is the filing time, so a crash between the two loses nothing and only delays), a
 * reclassified ticket re-plans its incident, and an acknowledged ticket acknowledges it.
 * Every change is a conditional write, so two processes sweeping at once do each thing once.
 */
export async function syncIncidents({
  incidents,
  policy,
  clock,
  limit = 100,
  pace = async () => {},
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  clock: Clock;
  limit?: number;
  /** Called between items with the time the item started: lets the host keep its event loop free. */
  pace?: (startedMs: number) => Promise<void>;
}): Promise<number> {
  let changed = 0;
  for (const { ticket, incident } of await incidents.ticketsToSync(limit)) {
    const started = performance.now();
    const synced = { id: ticket.id, severity: ticket.severity, status: ticket.status };
    let isChanged = false;
    if (!incident) isChanged = await startIncidentForTicket({ incidents, policy, ticket });
    else if (incident.resolvedAt) isChanged = false;
    else if (ticket.severity !== incident.severity)
      isChanged = await replanForSeverity({ incidents, policy, clock, incident, ticket });
    else if (ticket.status === 'acknowledged' && !incident.acknowledgedAt) {
      isChanged = await acknowledgeIncident({
        incidents,
        policy,
        at: ticket.firstResponseAt ?? clock.now(),
        incident,
        by: ticket.firstResponseBy ?? 'unknown',
        via: 'slack',
        syncedTicket: synced,
      });
    }
    // Nothing (left) to do for this change: the incident already matches the ticket.
    if (!isChanged) await incidents.markSynced(synced);
    else changed += 1;
    await pace(started);
  }
  return changed;
}

async function startIncidentForTicket({
  incidents,
  policy,
  ticket,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  ticket: Ticket;
}): Promise<boolean> {
  const plan = freezeTicketPlan(policy.runbooks, ticket);
  const customer = policy.directory.byId(ticket.customerId);
  const components = ticket.component ? [ticket.component] : (customer?.components ?? []);
  const moments = { startedAt: ticket.filedAt };
  const steps = planSteps(plan, moments, policy.addBusinessMinutesFor(ticket.customerId));
  const started = await incidents.start(
    {
      ticketId: ticket.id,
      source: 'ticket',
      customerId: ticket.customerId,
      severity: ticket.severity,
      title: ticket.summary,
      components,
      startedAt: ticket.filedAt,
      alertFingerprint: null,
      plan,
    },
    steps,
    // The incident began when the ticket was filed (T+0), whenever this sweep got to it.
    (incident) => ({
      at: ticket.filedAt,
      syncedTicket: { id: ticket.id, severity: ticket.severity, status: ticket.status },
      events: [
        {
          kind: 'started',
          actor: ticket.reporterUserId,
          text: `T+0 ${incidentRef(incident.id)} opened from ${ticketRef(ticket.id)} as ${ticket.severity}${plan.isPossibleS1 ? ' (possible S1: on-call paged at once, the customer asked to confirm)' : ''}; plan of ${plan.steps.length} steps frozen`,
          detail: { ticketId: ticket.id, isPossibleS1: plan.isPossibleS1 ?? false },
        },
      ],
    }),
  );
  return started !== undefined;
}

async function replanForSeverity({
  incidents,
  policy,
  clock,
  incident,
  ticket,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  clock: Clock;
  incident: Incident;
  ticket: Ticket;
}): Promise<boolean> {
  const now = clock.now();
  const next = freezePlan(policy.runbooks[ticket.severity]);
  const existing = (await incidents.steps(incident.id)).map((s) => ({ stepId: s.stepId, state: s.state }));
  const replan = replanIncident({
    existing,
    next,
    moments: incident,
    now,
    addBusinessMinutes: policy.addBusinessMinutesFor(incident.customerId),
  });
  const overdue = replan.schedule.filter((s) => s.isOverdueAtReplan).map((s) => s.stepId);
  return incidents.replan(
    {
      incidentId: incident.id,
      fromVersion: incident.planVersion,
      severity: ticket.severity,
      plan: next,
      schedule: replan.schedule,
      cancel: replan.cancel,
    },
    {
      at: now,
      syncedTicket: { id: ticket.id, severity: ticket.severity, status: ticket.status },
      events: [
        {
          kind: 'replanned',
          actor: 'tplus',
          text: `Re-planned ${incident.severity} → ${ticket.severity}: ${overdue.length} step(s) already due fire now (${overdue.join(', ') || 'none'}); cancelled: ${replan.cancel.join(', ') || 'none'}; already done and kept: ${replan.keep.join(', ') || 'none'}`,
          detail: { from: incident.severity, to: ticket.severity, overdue, cancel: replan.cancel, keep: replan.keep },
        },
      ],
    },
  );
}

/**
 * Records the acknowledgement and starts the steps that count from it. An ack from Slack is
 * passed on to PagerDuty; one from PagerDuty also acknowledges the ticket (first response).
 */
export async function acknowledgeIncident({
  incidents,
  policy,
  at,
  incident,
  by,
  via,
  causeInboxId,
  syncedTicket,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  at: Date;
  incident: Incident;
  by: string;
  via: 'slack' | 'pagerduty';
  causeInboxId?: number;
  syncedTicket?: { id: number; severity: Incident['severity']; status: string };
}): Promise<boolean> {
  const moments = { startedAt: incident.startedAt, acknowledgedAt: at };
  const anchoredDues = incident.plan.steps
    .filter((s) => s.at.after === 'acknowledged')
    .map((s) => ({
      stepId: s.id,
      dueAt: dueAtOf(s, moments, policy.addBusinessMinutesFor(incident.customerId)) as Date,
    }));
  const ref = incidentRef(incident.id);
  return incidents.acknowledge(
    { incidentId: incident.id, by, at, anchoredDues, alsoTicket: via === 'pagerduty' },
    {
      at,
      ...(causeInboxId !== undefined ? { causeInboxId } : {}),
      ...(syncedTicket ? { syncedTicket } : {}),
      events: [
        {
          kind: 'acknowledged',
          actor: by,
          text: `Acknowledged by ${by} in ${via === 'slack' ? 'Slack' : 'PagerDuty'}`,
          detail: { via },
        },
      ],
      effects: [
        ...(via === 'slack'
          ? [
              {
                kind: 'pagerduty.event' as const,
                key: `incident:${incident.id}:pagerduty-ack`,
                event: { action: 'acknowledge' as const, dedupKey: pagerDutyDedupKey(incident.id) },
              },
            ]
          : []),
        // A Slack ack of a ticket already refreshed the ticket's card (acknowledge-ticket).
        ...(via === 'pagerduty' || incident.ticketId === null ? [triageCardRefresh(incident, at, `${via}-ack`)] : []),
        {
          kind: 'slack.post',
          key: `incident:${incident.id}:ack-notice`,
          channel: policy.triageChannelId,
          message: incidentText(
            incident,
            `:white_check_mark: *${ref}* acknowledged by ${via === 'slack' ? `<@${by}>` : `${by} (PagerDuty)`}.`,
          ),
        },
      ],
    },
  );
}
