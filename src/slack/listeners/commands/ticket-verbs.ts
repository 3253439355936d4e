import type { WebClient } from '@slack/web-api';
import { fileTicket } from '../../../usecases/file-ticket.ts';
import { ACTION } from '../../ids.ts';
import { openTicketPrompt } from '../../views/ticket-messages.ts';
import { REFUSAL, type ListenerDeps } from '../deps.ts';

export interface CommandCall {
  deps: ListenerDeps;
  client: WebClient;
  words: string[];
  userId: string;
  teamId: string;
  channelId: string;
  triggerId: string;
  inbox: { inboxId: number; inboxKey: string };
  /** The command's ephemeral answer (Slack's ack); once only. */
  say: (text: string) => Promise<void>;
}

/** `/tplus intake-button`: posts and pins the Open a ticket button in a customer channel. */
export async function postIntakeButton({ deps, client, channelId, say }: CommandCall): Promise<void> {
  const customer = deps.directory.byChannel(channelId);
  if (!customer) return say(REFUSAL.unknownChannel);
  await say('Posting the “Open a ticket” button here.');
  const prompt = openTicketPrompt(customer.name, ACTION.openTicket);
  const posted = await client.chat.postMessage({
    channel: channelId,
    text: prompt.text,
    blocks: prompt.blocks as never,
  });
  if (posted.ts) await client.pins.add({ channel: channelId, timestamp: posted.ts }).catch(() => undefined);
}

/** `/tplus ticket [customer-id] <text>`: files a ticket on a customer's behalf. */
export async function fileFromCommand(call: CommandCall): Promise<void> {
  const { deps, words: rest, channelId: from, say } = call;
  let customer = deps.directory.byChannel(from);
  let words = rest;
  if (!customer && rest[0]) {
    customer = deps.directory.byId(rest[0]);
    words = rest.slice(1);
  }
  if (!customer)
    return say(
      `Run this in a customer channel or name a customer: ${deps.directory
        .all()
        .map((c) => c.id)
        .join(', ')}. No ticket was opened.`,
    );
  // The command is escaped by Slack (should_escape, for /tplus lead's mentions): the ticket keeps
  // the words as typed; everything that shows them escapes them again.
  const text = words.join(' ').trim().replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  if (text.length < 3) return say('Describe the problem after the command. No ticket was opened.');
  const channelId = customer.channels.includes(from) ? from : (customer.channels[0] as string);
  await say(`Filing a ticket for ${customer.name}…`);
  await fileTicket({
    tickets: deps.tickets,
    clock: deps.clock,
    policy: deps.policy,
    request: {
      ...call.inbox,
      customer,
      channelId,
      threadTs: null,
      source: 'command',
      reporter: { userId: call.userId, teamId: call.teamId },
      isFiledOnBehalf: true,
      text,
    },
  });
  deps.onCommitted();
}
