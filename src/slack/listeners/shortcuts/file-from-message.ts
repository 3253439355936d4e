import type { App, MessageShortcut } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { fileTicket } from '../../../usecases/file-ticket.ts';
import { SHORTCUT } from '../../ids.ts';
import { inboxOf, REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

/** Message shortcut for our own responders: file a customer's message as a ticket. */
export function registerFileFromMessage(app: App, deps: ListenerDeps): void {
  app.shortcut<MessageShortcut>(SHORTCUT.fileFromMessage, async ({ ack, shortcut, client, context }) => {
    await ack();
    const channel = shortcut.channel.id;
    const user = { id: shortcut.user.id, teamId: shortcut.user.team_id ?? shortcut.team?.id };
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, user))
      return tellUser(client, deps.logger, { channel, user: user.id, text: REFUSAL.notResponder });
    const customer = deps.directory.byChannel(channel);
    if (!customer) return tellUser(client, deps.logger, { channel, user: user.id, text: REFUSAL.unknownChannel });
    const message = shortcut.message as {
      text?: string;
      user?: string;
      ts: string;
      thread_ts?: string;
      user_team?: string;
    };
    if (!message.text?.trim())
      return tellUser(client, deps.logger, {
        channel,
        user: user.id,
        text: 'That message has no text to file. No ticket was opened.',
      });
    await fileTicket({
      tickets: deps.tickets,
      clock: deps.clock,
      policy: deps.policy,
      request: {
        ...inboxOf(context),
        customer,
        channelId: channel,
        threadTs: message.thread_ts ?? message.ts,
        source: 'shortcut',
        reporter: { userId: message.user ?? user.id, teamId: message.user_team ?? customer.teamIds[0] ?? '' },
        isFiledOnBehalf: true,
        text: message.text,
      },
    });
    deps.onCommitted();
  });
}
