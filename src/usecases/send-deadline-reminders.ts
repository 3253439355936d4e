import { businessMinutesBetween } from '../domain/calendar/index.ts';
import { DOCUMENT_TITLES, formatDuration } from '../domain/documents/index.ts';
import { isCustomerFacing, isPastDue, nextOverdueReminder, overdueNumber } from '../domain/follow-ups/index.ts';
import { incidentRef, type Incident } from '../domain/incident.ts';
import { formatInstantForReader } from '../domain/sla/index.ts';
import type { DocumentStore, FollowUpDeadlineRecord, ReminderRecord } from './document-ports.ts';
import { customerById, type DocumentPolicy } from './document-policy.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { Clock, OutboxEffect } from './ports.ts';

const isSlackUser = (id: string | null | undefined): id is string =>
  typeof id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(id);

/**
 * Who owns a deadline (customer documents: the success owner; the post-mortem: who acknowledged, else resolved) and who
 * hears once it is missed.
 */
export function deadlineContacts(
  policy: DocumentPolicy,
  deadline: FollowUpDeadlineRecord,
  incident: Incident,
): { owners: string[]; escalateTo: string[] } {
  if (!isCustomerFacing(deadline.kind)) {
    const responder = [incident.acknowledgedBy, incident.resolvedBy].find(isSlackUser);
    return {
      owners: responder ? [responder] : [...policy.engineeringManagers],
      escalateTo: [...policy.engineeringManagers],
    };
  }
  const customer = customerById(policy, deadline.customerId);
  return {
    owners: customer ? [customer.successOwner] : [],
    escalateTo: customer?.successManager ? [customer.successManager] : [],
  };
}

function reminderText(
  policy: DocumentPolicy,
  deadline: FollowUpDeadlineRecord,
  reminder: ReminderRecord,
  at: Date,
  owners: string[],
): { owner: string; escalation: string } {
  const customer = customerById(policy, deadline.customerId);
  const what = `the ${DOCUMENT_TITLES[deadline.kind].toLowerCase()} of *${incidentRef(deadline.incidentId)}*${customer ? ` for ${customer.name}` : ''}`;
  const due = formatInstantForReader(deadline.dueAt, customer?.calendar.timeZone ?? policy.internalTimeZone);
  const left =
    deadline.isBusinessDays && customer
      ? `${Math.round(businessMinutesBetween(customer.calendar, at, deadline.dueAt) / 6) / 10} business hours left`
      : `${formatDuration(deadline.dueAt.getTime() - at.getTime())} left`;
  const where = `Draft, approve${isCustomerFacing(deadline.kind) ? ' and send' : ''} it from the follow-up card in <#${policy.triageChannelId}>.`;
  const n = overdueNumber(reminder.kind);
  const owner =
    reminder.kind === 'due'
      ? `:alarm_clock: ${capital(what)} is due now (${due}) and not done. ${where}`
      : n > 0
        ? `:rotating_light: ${capital(what)} is overdue: it was due ${due} (reminder ${n}). ${where}`
        : `:memo: Reminder: ${what} is due ${due} (${left}). ${where}`;
  const escalation = `:rotating_light: ${capital(what)} was due ${due} and is not done${n > 0 ? ` (overdue reminder ${n})` : ''}. Owner: ${owners.map((o) => `<@${o}>`).join(' ') || 'nobody configured'}.${!isCustomerFacing(deadline.kind) ? '' : deadline.kind === 'rca' ? ' A late RCA gives the customer a termination right.' : ''}`;
  return { owner, escalation };
}

const capital = (text: string): string => text.replace(/^./, (c) => c.toUpperCase());

/**
 * Sends the reminders that are due: each row is claimed once (a conditional update), skipped when
 * its deadline was met, otherwise DMs the owner and, once the deadline is missed, the escalation
 * contact, and schedules the next daily overdue reminder, all in one transaction.
 */
export async function sendDeadlineReminders({
  documents,
  incidents,
  policy,
  clock,
  limit = 50,
}: {
  documents: DocumentStore;
  incidents: IncidentStore;
  policy: DocumentPolicy;
  clock: Clock;
  limit?: number;
}): Promise<number> {
  const now = clock.now();
  let fired = 0;
  for (const { reminder, deadline } of await documents.dueReminders(now, limit)) {
    const incident = await incidents.get(deadline.incidentId);
    if (!incident) continue;
    const claimed = await documents.fireReminder(reminder.id, now, (current) => {
      if (current.state === 'met')
        return {
          state: 'skipped',
          consequences: {
            events: [
              {
                kind: 'follow-up-reminder',
                actor: 'tplus',
                text: `Reminder ${reminder.kind} of the ${current.kind} skipped: met`,
                detail: { deadlineId: current.id, reminder: reminder.kind, skipped: true },
              },
            ],
          },
        };
      const { owners, escalateTo } = deadlineContacts(policy, current, incident);
      const text = reminderText(policy, current, reminder, now, owners);
      const key = (who: string) => `follow-up:${current.id}:${reminder.kind}:${who}`;
      const escalating = isPastDue(reminder.kind) ? escalateTo.filter((id) => !owners.includes(id)) : [];
      const effects: OutboxEffect[] = [
        ...owners.map((id): OutboxEffect => ({
          kind: 'slack.post',
          key: key(id),
          channel: id,
          message: { view: 'text', data: { text: text.owner } },
        })),
        ...escalating.map((id): OutboxEffect => ({
          kind: 'slack.post',
          key: key(`escalation-${id}`),
          channel: id,
          message: { view: 'text', data: { text: text.escalation } },
        })),
      ];
      const n = overdueNumber(reminder.kind);
      const calendar = current.isBusinessDays ? customerById(policy, current.customerId)?.calendar : undefined;
      return {
        state: 'done',
        ...(n > 0
          ? { next: nextOverdueReminder({ dueAt: current.dueAt, ...(calendar ? { calendar } : {}), n: n + 1 }) }
          : {}),
        consequences: {
          effects,
          events: [
            {
              kind: 'follow-up-reminder',
              actor: 'tplus',
              text: `Reminder ${reminder.kind} of the ${current.kind}${current.customerId ? ` (${current.customerId})` : ''} to ${owners.join(', ') || 'nobody'}${escalating.length > 0 ? `; escalated to ${escalating.join(', ')}` : ''}`,
              detail: { deadlineId: current.id, reminder: reminder.kind, owners, escalated: escalating },
            },
          ],
        },
      };
    });
    if (claimed) fired += 1;
  }
  return fired;
}
