import { firstResponseDueAt } from '../domain/sla/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { Severity } from '../domain/types.ts';
import type { Clock, TicketStore } from './ports.ts';
import type { IntakePolicy } from './intake-policy.ts';
import { cardRefresh } from './acknowledge-ticket.ts';

export type ReclassifyOutcome = 'changed' | 'unchanged' | 'not-found' | 'conflict';

/**
 * A responder sets a new severity with a reason. The first-response target is recomputed from
 * the filing time while no response was given; the change is kept with actor, time and reason.
 */
export async function reclassifyTicket({
  tickets,
  clock,
  policy,
  customer,
  ticketId,
  toSeverity,
  reason,
  actorId,
  inboxId,
}: {
  tickets: TicketStore;
  clock: Clock;
  policy: IntakePolicy;
  customer: Customer;
  ticketId: number;
  toSeverity: Severity;
  reason: string;
  actorId: string;
  inboxId: number;
}): Promise<ReclassifyOutcome> {
  const ticket = await tickets.get(ticketId);
  if (!ticket) return 'not-found';
  if (ticket.severity === toSeverity) return 'unchanged';
  const at = clock.now();
  const dueAt = ticket.firstResponseAt
    ? ticket.firstResponseDueAt
    : firstResponseDueAt({
        filedAt: ticket.filedAt,
        tier: ticket.tier,
        severity: toSeverity,
        calendar: policy.calendarFor(customer),
      });
  const isChanged = await tickets.changeSeverity(
    {
      ticketId,
      change: { fromSeverity: ticket.severity, toSeverity, actorUserId: actorId, reason, at },
      firstResponseDueAt: dueAt,
    },
    {
      at,
      causeInboxId: inboxId,
      timeline: [
        { kind: 'ticket.reclassified', actor: actorId, detail: { from: ticket.severity, to: toSeverity, reason } },
      ],
      effects: (updated) => [
        cardRefresh(ticketId, at, 'severity'),
        {
          kind: 'slack.post',
          key: `ticket:${ticketId}:severity:${at.getTime()}`,
          channel: updated.channelId,
          ...(updated.threadTs
            ? { threadTs: updated.threadTs }
            : { threadOf: { key: `ticket:${ticketId}:customer-ack` } }),
          message: { view: 'severity-changed', ticketId, data: { from: ticket.severity, to: toSeverity } },
        },
      ],
    },
  );
  return isChanged ? 'changed' : 'conflict';
}
