import { ticketRef } from '../../domain/ticket.ts';
import { escapeMrkdwn, quoteCustomerText } from '../escape.ts';
import { ACTION } from '../ids.ts';
import { impactAnswerLines } from './impact-questions.ts';
import type { RenderedMessage, TicketView } from './ticket-messages.ts';

function slaLine(v: TicketView): string {
  const { ticket } = v;
  const due = v.formatInstant(ticket.firstResponseDueAt, v.timeZone);
  if (ticket.firstResponseAt) {
    const late = ticket.firstResponseAt > ticket.firstResponseDueAt ? ' — :warning: *late (SLA breached)*' : ' — met';
    return `*First response:* <@${ticket.firstResponseBy ?? 'unknown'}> at ${v.formatInstant(ticket.firstResponseAt, v.timeZone)} (due ${due})${late}`;
  }
  if (ticket.slaBreachedAt) return `:rotating_light: *SLA BREACHED* — first response was due ${due}`;
  return `*First response due:* ${due} (${v.targetText(ticket.severity)})`;
}

const percent = (p: number) => `${Math.round(p * 100)} %`;

/** "S2 · 78 % confident" while the classifier's severity stands; after a change, what it had said. */
function severityLine(v: TicketView): string {
  const { ticket } = v;
  const { classifiedSeverity: classified, classificationConfidence: confidence } = ticket;
  const proposed = ticket.proposedSeverity ? ` · customer proposed ${ticket.proposedSeverity}` : '';
  if (confidence === null) return `*Severity:* ${ticket.severity} — ${v.meaning(ticket.severity)}${proposed}`;
  if (classified === null || classified === ticket.severity)
    return `*Severity:* ${ticket.severity} · ${percent(confidence)} confident — ${v.meaning(ticket.severity)}${proposed}`;
  return `*Severity:* ${ticket.severity} — ${v.meaning(ticket.severity)} · classified ${classified} (${percent(confidence)} confident)${proposed}`;
}

export const POSSIBLE_S1_LINE =
  ':rotating_light: *Possible S1: confirm* — on-call paged; the customer was asked to confirm the impact.';

/** The summary alone when the description only continues it (a message's first sentence). */
function customerText(summary: string, description: string): string {
  return description.startsWith(summary) ? description : `${summary}\n\n${description}`;
}

/** The triage card: customer, tier, severity with reasons, SLA state and the responder buttons. */
export function ticketCard(v: TicketView): RenderedMessage {
  const { ticket, customer } = v;
  const ref = ticketRef(ticket.id);
  const tier = customer.tier === 'enterprise-premium' ? 'Enterprise Premium' : 'Standard';
  const signals =
    ticket.signals.length > 0
      ? ticket.signals.map((s) => `${escapeMrkdwn(s.label)} (“${escapeMrkdwn(s.matched)}”)`).join(', ')
      : 'no signal matched';
  const status = ticket.status === 'open' ? 'Open' : ticket.status === 'acknowledged' ? 'Acknowledged' : 'Resolved';
  const fields = [
    `*Customer:* ${escapeMrkdwn(customer.name)} (${tier})`,
    severityLine(v),
    `*Why:* ${escapeMrkdwn(ticket.classificationReason)}`,
    `*Signals:* ${signals}`,
    ...impactAnswerLines(ticket),
    slaLine(v),
    `*Status:* ${status} · filed by <@${ticket.reporterUserId}>${ticket.isFiledOnBehalf ? ' on the customer’s behalf' : ''} in <#${ticket.channelId}>`,
  ];
  const isOpen = ticket.status !== 'resolved';
  const button = (actionId: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
    value: String(ticket.id),
  });
  const buttons = [
    ...(ticket.status === 'open' ? [button(ACTION.acknowledge, 'Acknowledge', 'primary')] : []),
    button(ACTION.reclassify, 'Reclassify'),
    ...(isOpen
      ? [
          button(ACTION.escalate, 'Escalate', 'danger'),
          button(ACTION.resolve, 'Resolve'),
          button(ACTION.updateStatus, 'Update status'),
        ]
      : []),
  ];
  return {
    text: `${ref} · ${ticket.severity} · ${customer.name}: ${escapeMrkdwn(ticket.summary)}`,
    blocks: [
      {
        type: 'header',
        text: { type: 'plain_text', text: `${ref} · ${ticket.severity} · ${customer.name}`.slice(0, 150) },
      },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: quoteCustomerText(customerText(ticket.summary, ticket.description), 2500) },
      },
      ...(ticket.isPossibleS1 && ticket.severity !== 'S1'
        ? [{ type: 'section', text: { type: 'mrkdwn', text: POSSIBLE_S1_LINE } }]
        : []),
      { type: 'section', text: { type: 'mrkdwn', text: fields.join('\n') } },
      { type: 'actions', block_id: `ticket_${ticket.id}`, elements: buttons },
    ],
  };
}
