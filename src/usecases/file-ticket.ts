import { classifyTicket } from '../domain/severity/index.ts';
import { firstResponseDueAt } from '../domain/sla/index.ts';
import { classifiedText, summarise, type Ticket, type TicketSource } from '../domain/ticket.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { Severity } from '../domain/types.ts';
import type { Clock, OutboxEffect, TicketStore } from './ports.ts';
import type { IntakePolicy } from './intake-policy.ts';

export interface FileTicketRequest {
  inboxId: number;
  inboxKey: string;
  customer: Customer;
  channelId: string;
  /** The customer's message that the ticket answers in; null when filed from a modal. */
  threadTs: string | null;
  source: TicketSource;
  reporter: { userId: string; teamId: string };
  isFiledOnBehalf: boolean;
  text: string;
  summary?: string;
  impact?: string;
  component?: string;
  proposedSeverity?: Severity;
}

/** Effects of a new ticket: the customer is answered in their thread; triage gets the card. */
export function newTicketEffects(ticket: Ticket, triageChannelId: string): OutboxEffect[] {
  const id = ticket.id;
  return [
    ticket.threadTs
      ? {
          kind: 'slack.post',
          key: `ticket:${id}:customer-ack`,
          channel: ticket.channelId,
          threadTs: ticket.threadTs,
          message: { view: 'customer-ack', ticketId: id },
        }
      : {
          kind: 'slack.post',
          key: `ticket:${id}:customer-ack`,
          channel: ticket.channelId,
          anchorsTicketId: id,
          message: { view: 'customer-ack', ticketId: id },
        },
    {
      kind: 'slack.post',
      key: `ticket:${id}:card`,
      channel: triageChannelId,
      message: { view: 'ticket-card', ticketId: id },
    },
  ];
}

/** Classifies, sets the first-response deadline and records the ticket with its effects at once. */
export async function fileTicket({
  tickets,
  clock,
  policy,
  request,
}: {
  tickets: TicketStore;
  clock: Clock;
  policy: IntakePolicy;
  request: FileTicketRequest;
}): Promise<Ticket | undefined> {
  const now = clock.now();
  const { customer } = request;
  const classification = classifyTicket({
    text: classifiedText(request),
    proposedSeverity: request.proposedSeverity,
    model: policy.severityModel,
  });
  const dueAt = firstResponseDueAt({
    filedAt: now,
    tier: customer.tier,
    severity: classification.severity,
    calendar: policy.calendarFor(customer),
    businessDay: policy.businessDay,
  });
  return tickets.createTicket(
    {
      inboxId: request.inboxId,
      inboxKey: request.inboxKey,
      customerId: customer.id,
      tier: customer.tier,
      channelId: request.channelId,
      threadTs: request.threadTs,
      source: request.source,
      reporterUserId: request.reporter.userId,
      reporterTeamId: request.reporter.teamId,
      isFiledOnBehalf: request.isFiledOnBehalf,
      summary: request.summary?.trim() || summarise(request.text, policy.maxSummaryLength),
      description: request.text,
      impact: request.impact ?? null,
      component: request.component ?? null,
      proposedSeverity: request.proposedSeverity ?? null,
      severity: classification.severity,
      classificationReason: classification.reason,
      signals: classification.signals.map(({ id, label, matched }) => ({ id, label, matched })),
      classificationConfidence: classification.confidence,
      isPossibleS1: classification.isPossibleS1,
      filedAt: now,
      firstResponseDueAt: dueAt,
    },
    {
      at: now,
      timeline: [
        {
          kind: 'ticket.filed',
          actor: request.reporter.userId,
          detail: { source: request.source, isFiledOnBehalf: request.isFiledOnBehalf },
        },
        {
          kind: 'ticket.classified',
          actor: 'tplus',
          detail: {
            severity: classification.severity,
            confidence: classification.confidence,
            isPossibleS1: classification.isPossibleS1,
            reason: classification.reason,
          },
        },
      ],
      effects: (ticket) => newTicketEffects(ticket, policy.triageChannelId),
    },
  );
}
