import type { App } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { fileTicket } from '../../../usecases/file-ticket.ts';
import { ACTION, COMMAND } from '../../ids.ts';
import { openTicketPrompt } from '../../views/ticket-messages.ts';
import { inboxOf, REFUSAL, type ListenerDeps } from '../deps.ts';
import { declareFromCommand, timelineFromCommand } from './incident-verbs.ts';
import { maintenanceFromCommand, statusFromCommand } from './status-verbs.ts';

const USAGE = [
  '*tplus* (internal responders; customers use mentions or the Open a ticket button):',
  '• `/tplus ticket <text>` in a customer channel, or `/tplus ticket <customer-id> <text>` elsewhere: file on the customer’s behalf',
  '• `/tplus intake-button` in a customer channel: post and pin the “Open a ticket” button',
  '• `/tplus incident [S1–S4] <what is happening>`: declare an incident no customer reported; its runbook starts now',
  '• `/tplus timeline INC-7` (or `TPL-12`): the incident timeline, with actor and time',
  '• `/tplus status INC-7` (or `TPL-12`): publish a public status update for the incident',
  '• `/tplus maintenance`: announce a maintenance window on the status page',
].join('\n');

export function registerTplusCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ ack, command, client, context }) => {
    const say = (text: string) => ack({ response_type: 'ephemeral', text });
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, { id: command.user_id, teamId: command.team_id }))
      return say(REFUSAL.notResponder);
    const [verb = 'help', ...rest] = command.text.trim().split(/\s+/);
    if (verb === 'intake-button') {
      const customer = deps.directory.byChannel(command.channel_id);
      if (!customer) return say(REFUSAL.unknownChannel);
      await say('Posting the “Open a ticket” button here.');
      const prompt = openTicketPrompt(customer.name, ACTION.openTicket);
      const posted = await client.chat.postMessage({
        channel: command.channel_id,
        text: prompt.text,
        blocks: prompt.blocks as never,
      });
      if (posted.ts)
        await client.pins.add({ channel: command.channel_id, timestamp: posted.ts }).catch(() => undefined);
      return;
    }
    if (verb === 'incident')
      return say(
        await declareFromCommand(deps, { words: rest, userId: command.user_id, inboxId: inboxOf(context).inboxId }),
      );
    if (verb === 'timeline') return say(await timelineFromCommand(deps, rest[0]));
    if (verb === 'status')
      return say(
        (await statusFromCommand(deps, client, { ref: rest[0], triggerId: command.trigger_id })) ??
          'Opening the status update form…',
      );
    if (verb === 'maintenance')
      return say((await maintenanceFromCommand(deps, client, command.trigger_id)) ?? 'Opening the maintenance form…');
    if (verb !== 'ticket') return say(USAGE);
    let customer = deps.directory.byChannel(command.channel_id);
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
    const text = words.join(' ').trim();
    if (text.length < 3) return say('Describe the problem after the command. No ticket was opened.');
    const channelId = customer.channels.includes(command.channel_id)
      ? command.channel_id
      : (customer.channels[0] as string);
    await say(`Filing a ticket for ${customer.name}…`);
    await fileTicket({
      tickets: deps.tickets,
      clock: deps.clock,
      policy: deps.policy,
      request: {
        ...inboxOf(context),
        customer,
        channelId,
        threadTs: null,
        source: 'command',
        reporter: { userId: command.user_id, teamId: command.team_id },
        isFiledOnBehalf: true,
        text,
      },
    });
    deps.onCommitted();
  });
}
