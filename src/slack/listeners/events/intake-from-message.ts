import type { WebClient } from '@slack/web-api';
import { identifyIntake, isResponder } from '../../../domain/customer-directory.ts';
import { fileTicket } from '../../../usecases/file-ticket.ts';
import { recordThreadReply } from '../../../usecases/record-thread-reply.ts';
import { REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

export interface InboundMessage {
  channel: string;
  user: string;
  userTeam: string | undefined;
  text: string;
  ts: string;
  threadTs: string | undefined;
  isMention: boolean;
}

/**
 * A message that reached tplus: a reply in a ticket's thread becomes a comment; otherwise a
 * mention (anywhere in a customer channel) or a customer's top-level message in a support
 * channel files a ticket. Everything else is ignored.
 */
export async function handleInboundMessage(
  deps: ListenerDeps,
  client: WebClient,
  inbox: { inboxId: number; inboxKey: string },
  m: InboundMessage,
): Promise<string> {
  const isReply = m.threadTs !== undefined && m.threadTs !== m.ts;
  if (isReply) {
    const ticket = await deps.tickets.findByThread(m.channel, m.threadTs as string);
    if (ticket) {
      const isResponderReply = isResponder(deps.responderIds, deps.directory.ourTeamId, {
        id: m.user,
        teamId: m.userTeam,
      });
      await recordThreadReply({
        tickets: deps.tickets,
        clock: deps.clock,
        ticket,
        author: { userId: m.user, teamId: m.userTeam ?? '' },
        isResponder: isResponderReply,
        text: m.text,
        messageTs: m.ts,
        inboxId: inbox.inboxId,
      });
      // A responder talking to the customer after the ack is the on-call engaging.
      const incident = isResponderReply ? await deps.incidents.byTicket(ticket.id) : undefined;
      if (incident?.acknowledgedAt) await deps.incidents.markEngaged(incident.id, deps.clock.now());
      deps.onCommitted();
      return 'comment';
    }
    if (!m.isMention) return 'ignored: reply outside a ticket thread';
  }
  const identity = identifyIntake(deps.directory, m.channel, m.userTeam);
  if (!m.isMention) {
    // Support channels: customers' own top-level messages file tickets; our team's do not.
    if (!identity.ok || identity.actor !== 'customer' || !identity.customer.supportChannels.includes(m.channel))
      return 'ignored';
  }
  if (!identity.ok) {
    await tellUser(client, deps.logger, {
      channel: m.channel,
      user: m.user,
      text: identity.reason === 'unknown-channel' ? REFUSAL.unknownChannel : REFUSAL.stranger,
    });
    return `refused: ${identity.reason}`;
  }
  const text = m.text.replace(new RegExp(`<@${deps.botUserId}(\\|[^>]*)?>`, 'g'), '').trim();
  if (text.length === 0) {
    await tellUser(client, deps.logger, { channel: m.channel, user: m.user, text: REFUSAL.emptyMention });
    return 'refused: empty';
  }
  await fileTicket({
    tickets: deps.tickets,
    clock: deps.clock,
    policy: deps.policy,
    request: {
      ...inbox,
      customer: identity.customer,
      channelId: m.channel,
      threadTs: m.threadTs ?? m.ts,
      source: m.isMention ? 'mention' : 'support-channel',
      reporter: { userId: m.user, teamId: m.userTeam ?? '' },
      isFiledOnBehalf: identity.actor === 'internal',
      text,
    },
  });
  deps.onCommitted();
  return 'ticket';
}
