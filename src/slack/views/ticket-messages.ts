import { ticketRef, type Ticket } from '../../domain/ticket.ts';
import type { Customer } from '../../domain/customer-directory.ts';
import type { Severity } from '../../domain/types.ts';
import { escapeMrkdwn } from '../escape.ts';
import { ACTION } from '../ids.ts';
import { impactQuestionBlocks } from './impact-questions.ts';

/** What a view needs beyond the ticket: names, the reader's zone, and worded targets. */
export interface TicketView {
  ticket: Ticket;
  customer: Customer;
  /** The customer's calendar zone: due times are shown in it. */
  timeZone: string;
  meaning(severity: Severity): string;
  targetText(severity: Severity): string;
  formatInstant(instant: Date, timeZone: string): string;
}

export interface RenderedMessage {
  text: string;
  blocks?: unknown[];
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string) => ({ type: 'context', elements: [{ type: 'mrkdwn', text }] });

/** The answer in the customer's thread: id, severity and meaning, target and due time. */
export function customerAck(v: TicketView): RenderedMessage {
  const { ticket } = v;
  const ref = ticketRef(ticket.id);
  const due = v.formatInstant(ticket.firstResponseDueAt, v.timeZone);
  const lead = ticket.threadTs
    ? `Thanks <@${ticket.reporterUserId}>, we have logged this as *${ref}*.`
    : `<@${ticket.reporterUserId}> opened *${ref}*: ${escapeMrkdwn(ticket.summary)}`;
  const lines = [
    lead,
    `*Severity:* ${ticket.severity} — ${v.meaning(ticket.severity)}`,
    `*First response:* within ${v.targetText(ticket.severity)} (${v.customer.tier === 'enterprise-premium' ? 'Enterprise Premium' : 'Standard'} support), by *${due}*.`,
  ];
  // A possible S1 is paged in the same tick that files it: the customer hears it, and why we ask.
  const ask =
    ticket.isPossibleS1 && ticket.severity !== 'S1'
      ? ':rotating_light: This may be critical (S1), so we have paged our on-call engineer now. Please answer these questions so we can confirm the impact:'
      : '*Help us confirm the impact:*';
  return {
    text: `${ref} logged: ${ticket.severity}, first response by ${due}`,
    blocks: [
      section(lines.join('\n')),
      section(ask),
      ...impactQuestionBlocks(ticket),
      context('Reply in this thread to add details. Our team will answer here.'),
    ],
  };
}

export function firstResponse(v: TicketView, responderId: string): RenderedMessage {
  const ref = ticketRef(v.ticket.id);
  return {
    text: `<@${responderId}> from our support team is on ${ref}.`,
    blocks: [
      section(`<@${responderId}> from our support team has picked up *${ref}* and will follow up in this thread.`),
    ],
  };
}

export function severityChanged(
  v: TicketView,
  from: string,
  to: Severity,
  { byCustomerAnswers = false }: { byCustomerAnswers?: boolean } = {},
): RenderedMessage {
  const ref = ticketRef(v.ticket.id);
  const due = v.formatInstant(v.ticket.firstResponseDueAt, v.timeZone);
  const dueLine = v.ticket.firstResponseAt ? '' : `\nFirst response within ${v.targetText(to)}, by *${due}*.`;
  const lead = byCustomerAnswers
    ? `Thanks: from your answers, *${ref}* is now *${to}* (was ${escapeMrkdwn(from)})`
    : `*${ref}* was reclassified from ${escapeMrkdwn(from)} to *${to}*`;
  return {
    text: `${ref} is now ${to}`,
    blocks: [section(`${lead} — ${v.meaning(to)}.${dueLine}`)],
  };
}

export function slaBreached(v: TicketView): RenderedMessage {
  const ref = ticketRef(v.ticket.id);
  const due = v.formatInstant(v.ticket.firstResponseDueAt, v.timeZone);
  return {
    text: `:rotating_light: First-response SLA breached on ${ref}`,
    blocks: [
      section(
        `:rotating_light: *First-response SLA breached* on *${ref}* (${v.ticket.severity}, ${escapeMrkdwn(v.customer.name)}): it was due ${due} and nobody has responded.`,
      ),
    ],
  };
}

export function escalationRequested(v: TicketView, actorId: string, outcome: string): RenderedMessage {
  const ref = ticketRef(v.ticket.id);
  const what =
    outcome === 'escalated'
      ? 'The next escalation step of the runbook runs now instead of at its time.'
      : 'Every escalation step of the runbook has already run (or the incident is resolved): page more people in PagerDuty by hand.';
  return {
    text: `Escalation of ${ref} requested by <@${actorId}>`,
    blocks: [section(`:arrow_double_up: <@${actorId}> pressed Escalate on *${ref}*. ${what}`)],
  };
}

/**
 * The intake message in a customer channel; the credit button sits beside "Open a ticket" so external members reach it
 * too.
 */
export function openTicketPrompt(
  customerName: string,
  actionId: string,
  creditActionId: string = ACTION.requestCredit,
): RenderedMessage {
  return {
    text: 'Need help? Open a support ticket.',
    blocks: [
      section(
        `*Need help from our team?* Open a ticket for ${escapeMrkdwn(customerName)} — it is classified, timed against your support plan and sent to our on-call responders. You can also mention the bot with a description.`,
      ),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: actionId,
            text: { type: 'plain_text', text: 'Open a ticket' },
            style: 'primary',
            value: 'open',
          },
          {
            type: 'button',
            action_id: creditActionId,
            text: { type: 'plain_text', text: 'Request a service credit' },
            value: 'credit',
          },
        ],
      },
    ],
  };
}
