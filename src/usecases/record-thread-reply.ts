import type { Ticket } from '../domain/ticket.ts';
import type { Clock, TicketStore } from './ports.ts';
import { cardRefresh } from './acknowledge-ticket.ts';

/** A reply in a ticket's customer thread becomes a comment; a responder's first one is the first response. */
export async function recordThreadReply({
  tickets,
  clock,
  ticket,
  author,
  isResponder,
  text,
  messageTs,
  inboxId,
}: {
  tickets: TicketStore;
  clock: Clock;
  ticket: Ticket;
  author: { userId: string; teamId: string };
  isResponder: boolean;
  text: string;
  messageTs: string;
  inboxId: number;
}): Promise<boolean> {
  const at = clock.now();
  const isFirstResponse = isResponder && ticket.firstResponseAt === null;
  return tickets.addComment(
    { ticketId: ticket.id, authorUserId: author.userId, authorTeamId: author.teamId, isResponder, text, messageTs, at },
    {
      at,
      causeInboxId: inboxId,
      timeline: [
        { kind: 'ticket.comment', actor: author.userId, detail: { isResponder } },
        ...(isFirstResponse
          ? [{ kind: 'ticket.first-response', actor: author.userId, detail: { via: 'thread reply' } }]
          : []),
      ],
      effects: () => (isFirstResponse ? [cardRefresh(ticket.id, at, 'reply')] : []),
    },
  );
}
