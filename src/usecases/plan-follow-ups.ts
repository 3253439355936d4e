import { DOCUMENT_TITLES } from '../domain/documents/index.ts';
import { planFollowUps as planDeadlines, planReminders } from '../domain/follow-ups/index.ts';
import { incidentRef, type Incident } from '../domain/incident.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import type { DocumentStore } from './document-ports.ts';
import { customerById, type DocumentPolicy } from './document-policy.ts';
import type { Clock } from './ports.ts';

export const followUpCardKey = (incidentId: number): string => `incident:${incidentId}:follow-ups`;

/**
 * The follow-up sweep: each resolved incident of a configured severity gets its deadlines and
 * their reminders, and triage gets the follow-up card with the Draft buttons, in one
 * transaction that marks the incident planned. A sweep rather than a step of the resolution:
 * it survives a crash between the two, and resolution stays one concern. Incidents of other
 * severities are marked planned with nothing, so the sweep's index range stays small.
 */
export async function planIncidentFollowUps({
  documents,
  policy,
  clock,
  limit = 20,
}: {
  documents: DocumentStore;
  policy: DocumentPolicy;
  clock: Clock;
  limit?: number;
}): Promise<number> {
  let planned = 0;
  for (const incident of await documents.incidentsToPlan(limit)) {
    if (await planOne(documents, policy, incident as Incident & { resolvedAt: Date }, clock.now())) planned += 1;
  }
  return planned;
}

async function planOne(
  documents: DocumentStore,
  policy: DocumentPolicy,
  incident: Incident & { resolvedAt: Date },
  now: Date,
): Promise<boolean> {
  const deadlines = planDeadlines({
    incident,
    customers: policy.customers,
    terms: policy.terms,
    severities: policy.severities,
    calendarOf: (id) => (customerById(policy, id) as NonNullable<ReturnType<typeof customerById>>).calendar,
  }).map((d) => {
    const calendar = d.isBusinessDays ? customerById(policy, d.customerId)?.calendar : undefined;
    return { ...d, reminders: planReminders({ dueAt: d.dueAt, ...(calendar ? { calendar } : {}), now }) };
  });
  if (deadlines.length === 0) return documents.planFollowUps({ incidentId: incident.id, deadlines }, { at: now });
  const ref = incidentRef(incident.id);
  const labelOf = (kind: keyof typeof DOCUMENT_TITLES, customerId: string) =>
    `${DOCUMENT_TITLES[kind]}${customerId ? ` · ${customerById(policy, customerId)?.name ?? customerId}` : ''}`;
  const zoneOf = (customerId: string) => customerById(policy, customerId)?.calendar.timeZone ?? policy.internalTimeZone;
  const lines = deadlines.map(
    (d) => `${labelOf(d.kind, d.customerId)}: due ${formatInstantForReader(d.dueAt, zoneOf(d.customerId))}`,
  );
  const buttons = deadlines.map((d) => ({
    kind: d.kind,
    customerId: d.customerId,
    label: `Draft ${labelOf(d.kind, d.customerId).replace(/^./, (c) => c.toLowerCase())}`,
  }));
  return documents.planFollowUps(
    { incidentId: incident.id, deadlines },
    {
      at: now,
      events: [
        {
          kind: 'follow-ups',
          actor: 'tplus',
          text: `Follow-ups planned: ${lines.join('; ')}`,
          detail: {
            deadlines: deadlines.map((d) => ({ kind: d.kind, customerId: d.customerId, dueAt: d.dueAt.toISOString() })),
          },
        },
      ],
      effects: [
        {
          kind: 'slack.post',
          key: followUpCardKey(incident.id),
          channel: policy.triageChannelId,
          message: {
            view: 'follow-up-card',
            data: {
              incidentId: incident.id,
              ref,
              title: incident.title,
              lines: JSON.stringify(lines),
              buttons: JSON.stringify(buttons),
            },
          },
        },
      ],
    },
  );
}
