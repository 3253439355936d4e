import type { Clock, TicketStore } from './ports.ts';
import { cardRefresh } from './acknowledge-ticket.ts';

/**
 * Records a responder's request to escalate. Paging through PagerDuty arrives with the runbook
 * engine; until then the request is kept on the timeline and triage is told so, honestly.
 */
export async function requestEscalation({ tickets, clock, ticketId, actorId, inboxId }: {
  tickets: TicketStore;
  clock: Clock;
  ticketId: number;
  actorId: string;
  inboxId: number;
}): Promise<boolean> {
  const at = clock.now();
  return tickets.requestEscalation(
    { ticketId, by: actorId, at },
    {
      at,
      causeInboxId: inboxId,
      timeline: [{ kind: 'ticket.escalation-requested', actor: actorId, detail: { isPagingAvailable: false } }],
      effects: () => [
        cardRefresh(ticketId, at, 'escalate'),
        { kind: 'slack.post', key: `ticket:${ticketId}:escalation:${at.getTime()}`, channel: '', threadOf: { key: `ticket:${ticketId}:card` }, message: { view: 'escalation-requested', ticketId, data: { actorId } } },
      ],
    },
  );
}
