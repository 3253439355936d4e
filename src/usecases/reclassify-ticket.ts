import { firstResponseDueAt } from '../domain/sla/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { Severity } from '../domain/types.ts';
import { classifiedTextOf, type Ticket } from '../domain/ticket.ts';
import type { Clock, OutboxEffect, TicketStore } from './ports.ts';
import type { IntakePolicy } from './intake-policy.ts';
import { cardRefresh } from './acknowledge-ticket.ts';

/**
 * What every severity change tells: the card is refreshed and the customer's thread hears the new
 * severity (worded for their own answers when `byCustomerAnswers`).
 */
export function severityChangeEffects(
  ticket: { id: number; channelId: string; threadTs: string | null },
  at: Date,
  {
    from,
    to,
    byCustomerAnswers = false,
    cause,
  }: { from: Severity; to: Severity; byCustomerAnswers?: boolean; cause?: string },
): OutboxEffect[] {
  return [
    cardRefresh(ticket.id, at, cause ? `severity-${cause}` : 'severity'),
    {
      kind: 'slack.post',
      key: `ticket:${ticket.id}:severity:${at.getTime()}${cause ? `:${cause}` : ''}`,
      channel: ticket.channelId,
      ...(ticket.threadTs ? { threadTs: ticket.threadTs } : { threadOf: { key: `ticket:${ticket.id}:customer-ack` } }),
      message: {
        view: 'severity-changed',
        ticketId: ticket.id,
        data: { from, to, ...(byCustomerAnswers ? { byCustomerAnswers } : {}) },
      },
    },
  ];
}

/** The first-response target recomputed from the filing time, while no response was given. */
export function firstResponseDueAfterChange({
  ticket,
  toSeverity,
  policy,
  customer,
}: {
  ticket: Ticket;
  toSeverity: Severity;
  policy: IntakePolicy;
  customer: Customer;
}): Date {
  if (ticket.firstResponseAt) return ticket.firstResponseDueAt;
  return firstResponseDueAt({
    filedAt: ticket.filedAt,
    tier: ticket.tier,
    severity: toSeverity,
    calendar: policy.calendarFor(customer),
    businessDay: policy.businessDay,
  });
}

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
  const dueAt = firstResponseDueAfterChange({ ticket, toSeverity, policy, customer });
  const isChanged = await tickets.changeSeverity(
    {
      ticketId,
      change: { fromSeverity: ticket.severity, toSeverity, actorUserId: actorId, reason, at },
      firstResponseDueAt: dueAt,
      // What the responder decided is what the model should learn the ticket's words mean.
      example: {
        text: classifiedTextOf(ticket),
        severity: toSeverity,
        source: 'reclassification',
        actorUserId: actorId,
      },
    },
    {
      at,
      causeInboxId: inboxId,
      timeline: [
        { kind: 'ticket.reclassified', actor: actorId, detail: { from: ticket.severity, to: toSeverity, reason } },
      ],
      effects: (updated) => severityChangeEffects(updated, at, { from: ticket.severity, to: toSeverity }),
    },
  );
  return isChanged ? 'changed' : 'conflict';
}
