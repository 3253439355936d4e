import type { Clock, TicketStore } from './ports.ts';
import { cardRefresh } from './acknowledge-ticket.ts';

/** Engine module: every first-response deadline that passed unanswered is marked breached, once. */
export async function markSlaBreaches({
  tickets,
  clock,
  limit = 100,
}: {
  tickets: TicketStore;
  clock: Clock;
  limit?: number;
}): Promise<number> {
  const now = clock.now();
  const breached = await tickets.claimDueBreaches(now, limit, (ticket, dueAt) => ({
    at: now,
    timeline: [
      {
        kind: 'sla.first-response-breached',
        actor: 'tplus',
        detail: { dueAt: dueAt.toISOString(), lateByMs: now.getTime() - dueAt.getTime() },
      },
    ],
    effects: () => [
      cardRefresh(ticket.id, now, 'breach'),
      {
        kind: 'slack.post',
        key: `ticket:${ticket.id}:breach`,
        channel: '',
        threadOf: { key: `ticket:${ticket.id}:card` },
        message: { view: 'sla-breached', ticketId: ticket.id },
      },
    ],
  }));
  return breached.length;
}
