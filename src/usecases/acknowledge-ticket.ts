import type { Clock, OutboxEffect, TicketStore } from './ports.ts';

export function cardRefresh(ticketId: number, at: Date, reason: string): OutboxEffect {
  return {
    kind: 'slack.update',
    key: `ticket:${ticketId}:card:${reason}:${at.getTime()}`,
    target: { key: `ticket:${ticketId}:card` },
    message: { view: 'ticket-card', ticketId },
  };
}

/** A responder presses Acknowledge: the first response is recorded (once) and the customer told. */
export async function acknowledgeTicket({
  tickets,
  clock,
  ticketId,
  responderId,
  inboxId,
}: {
  tickets: TicketStore;
  clock: Clock;
  ticketId: number;
  responderId: string;
  inboxId: number;
}): Promise<boolean> {
  const at = clock.now();
  return tickets.recordFirstResponse(
    { ticketId, by: responderId, at, isAcknowledgement: true },
    {
      at,
      causeInboxId: inboxId,
      timeline: [{ kind: 'ticket.acknowledged', actor: responderId, detail: {} }],
      effects: (ticket) => [
        cardRefresh(ticketId, at, 'ack'),
        {
          kind: 'slack.post',
          key: `ticket:${ticketId}:first-response`,
          channel: ticket.channelId,
          ...(ticket.threadTs
            ? { threadTs: ticket.threadTs }
            : { threadOf: { key: `ticket:${ticketId}:customer-ack` } }),
          message: { view: 'first-response', ticketId, data: { responderId } },
        },
      ],
    },
  );
}
