import type { CustomerDirectory } from '../domain/customer-directory.ts';
import type { Severity } from '../domain/types.ts';
import type { MessageSpec, TicketStore } from '../usecases/ports.ts';
import {
  customerAck,
  escalationRequested,
  firstResponse,
  openTicketPrompt,
  severityChanged,
  slaBreached,
  type RenderedMessage,
  type TicketView,
} from './views/ticket-messages.ts';
import { ticketCard } from './views/ticket-card.ts';
import { ACTION } from './ids.ts';
import { escapeMrkdwn } from './escape.ts';
import { creditClaimMessage } from './views/credit-views.ts';
import { documentView } from './views/document-messages.ts';
import { incidentCard } from './views/incident-card.ts';
import { statusUpdateMessage } from './views/status-messages.ts';
import type { IncidentStore } from '../usecases/incident-ports.ts';
import type { IncidentSummaryModel } from '../usecases/incident-summary.ts';
import { incidentSummary } from './views/incident-summary.ts';

export type MessageRenderer = (spec: MessageSpec) => Promise<RenderedMessage | undefined>;

/** Looks up what a message spec names, then calls the pure view builder. */
export function createMessageRenderer({
  tickets,
  incidents,
  componentName,
  directory,
  timeZoneOf,
  meaning,
  targetText,
  formatInstant,
  summaryOf,
}: {
  tickets: TicketStore;
  incidents?: IncidentStore;
  componentName?: (id: string) => string;
  directory: CustomerDirectory;
  timeZoneOf: (customerId: string) => string;
  meaning: (s: Severity) => string;
  targetText: (tier: 'standard' | 'enterprise-premium', s: Severity) => string;
  formatInstant: (instant: Date, timeZone: string) => string;
  /** The pinned incident summary's model; without it the summary is not rendered. */
  summaryOf?: (incidentId: number) => Promise<IncidentSummaryModel | undefined>;
}): MessageRenderer {
  return async (spec) => {
    if (spec.view === 'text') return textMessage(String(spec.data?.text ?? ''), String(spec.data?.title ?? ''));
    if (spec.view === 'status-update') {
      const d = spec.data ?? {};
      return statusUpdateMessage({
        status: String(d.status ?? ''),
        name: String(d.name ?? ''),
        body: String(d.body ?? ''),
        affected: String(d.affected ?? ''),
        window: String(d.window ?? ''),
        notice: String(d.notice ?? ''),
      });
    }
    if (spec.view === 'follow-up-card' || spec.view === 'document-card' || spec.view === 'document-part')
      return documentView(spec);
    if (spec.view === 'credit-claim')
      return creditClaimMessage({
        claimId: Number(spec.data?.claimId),
        summary: String(spec.data?.summary ?? ''),
        note: String(spec.data?.note ?? ''),
      });
    if (spec.view === 'incident-card') {
      const incident = await incidents?.get(Number(spec.data?.incidentId));
      return incident
        ? incidentCard(incident, componentName ?? ((id) => id), (at) => formatInstant(at, 'UTC'))
        : undefined;
    }
    if (spec.view === 'incident-summary') {
      const model = await summaryOf?.(Number(spec.data?.incidentId));
      return model ? incidentSummary(model) : undefined;
    }
    if (spec.view === 'open-ticket-prompt') {
      const customer = directory.byId(String(spec.data?.customerId));
      return openTicketPrompt(customer?.name ?? 'your team', ACTION.openTicket);
    }
    const ticket = spec.ticketId === undefined ? undefined : await tickets.get(spec.ticketId);
    const customer = ticket ? directory.byId(ticket.customerId) : undefined;
    if (!ticket || !customer) return undefined;
    const view: TicketView = {
      ticket,
      customer,
      meaning,
      formatInstant,
      timeZone: timeZoneOf(customer.id),
      targetText: (s) => targetText(customer.tier, s),
    };
    const data = spec.data ?? {};
    switch (spec.view) {
      case 'customer-ack':
        return customerAck(view);
      case 'ticket-card':
        return ticketCard(view);
      case 'first-response':
        return firstResponse(view, String(data.responderId));
      case 'severity-changed':
        return severityChanged(view, String(data.from), data.to as Severity, {
          byCustomerAnswers: data.byCustomerAnswers === true,
        });
      case 'sla-breached':
        return slaBreached(view);
      case 'escalation-requested':
        return escalationRequested(view, String(data.actorId), String(data.outcome ?? 'nothing-left'));
    }
  };
}

/** A notice composed by a use case; `{title}` is customer text and is escaped here. */
export function textMessage(template: string, title: string): RenderedMessage {
  const text = template.replaceAll('{title}', escapeMrkdwn(title));
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }] };
}
