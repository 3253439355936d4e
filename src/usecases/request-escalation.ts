import type { Clock, TicketStore } from './ports.ts';
import type { IncidentStore } from './incident-ports.ts';
import { cardRefresh } from './acknowledge-ticket.ts';
import { escalateNow } from './escalate-now.ts';

/**
 * "Escalate" on the ticket card: the incident's next escalation step (re-page, manager, VP) runs
 * at once instead of at its offset. The request is kept on the timeline, and triage is told what
 * happened, including when the runbook has no escalation left.
 */
export async function requestEscalation({
  tickets,
  incidents,
  clock,
  ticketId,
  actorId,
  inboxId,
}: {
  tickets: TicketStore;
  incidents: IncidentStore;
  clock: Clock;
  ticketId: number;
  actorId: string;
  inboxId: number;
}): Promise<boolean> {
  const at = clock.now();
  const incident = await incidents.byTicket(ticketId);
  const outcome =
    incident && !incident.resolvedAt ? await escalateNow({ incidents, incident, at, by: actorId }) : 'nothing-left';
  return tickets.requestEscalation(
    { ticketId, by: actorId, at },
    {
      at,
      causeInboxId: inboxId,
      timeline: [{ kind: 'ticket.escalation-requested', actor: actorId, detail: { outcome } }],
      effects: () => [
        cardRefresh(ticketId, at, 'escalate'),
        {
          kind: 'slack.post',
          key: `ticket:${ticketId}:escalation:${at.getTime()}`,
          channel: '',
          threadOf: { key: `ticket:${ticketId}:card` },
          message: { view: 'escalation-requested', ticketId, data: { actorId, outcome } },
        },
      ],
    },
  );
}
