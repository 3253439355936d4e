import type { App } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { COMMAND } from '../../ids.ts';
import { inboxOf, REFUSAL, type ListenerDeps } from '../deps.ts';
import { declareFromCommand, timelineFromCommand } from './incident-verbs.ts';
import { maintenanceFromCommand, statusFromCommand } from './status-verbs.ts';
import { namedRoleFromCommand, roleFromCommand } from './role-verbs.ts';
import { fileFromCommand, postIntakeButton, type CommandCall } from './ticket-verbs.ts';

interface Verb {
  /** The line `/tplus help` shows. */
  usage: string;
  run: (call: CommandCall) => Promise<void>;
}

const answer = (text: Promise<string | undefined>, fallback: string) => async (call: CommandCall) =>
  call.say((await text) ?? fallback);

/** Every verb of `/tplus`, in the order help lists them; manifest.yaml's usage hint is tested against it. */
export const VERBS: Record<string, Verb> = {
  ticket: {
    usage:
      '`/tplus ticket <text>` in a customer channel, or `/tplus ticket <customer-id> <text>` elsewhere: file on the customer’s behalf',
    run: fileFromCommand,
  },
  'intake-button': {
    usage: '`/tplus intake-button` in a customer channel: post and pin the “Open a ticket” button',
    run: postIntakeButton,
  },
  incident: {
    usage:
      '`/tplus incident [S1–S4] <what is happening>`: declare an incident no customer reported; its runbook starts now',
    run: (c) =>
      answer(declareFromCommand(c.deps, { words: c.words, userId: c.userId, inboxId: c.inbox.inboxId }), '')(c),
  },
  timeline: {
    usage: '`/tplus timeline INC-7` (or `TPL-12`): the incident timeline, with actor and time',
    run: (c) => answer(timelineFromCommand(c.deps, c.words[0]), '')(c),
  },
  status: {
    usage: '`/tplus status INC-7` (or `TPL-12`): publish a public status update for the incident',
    run: (c) =>
      answer(
        statusFromCommand(c.deps, c.client, { ref: c.words[0], triggerId: c.triggerId }),
        'Opening the status update form…',
      )(c),
  },
  maintenance: {
    usage: '`/tplus maintenance`: announce a maintenance window on the status page',
    run: (c) => answer(maintenanceFromCommand(c.deps, c.client, c.triggerId), 'Opening the maintenance form…')(c),
  },
  lead: {
    usage:
      '`/tplus lead @someone` in the incident channel (or `/tplus lead INC-7 @someone`): name the incident commander',
    run: (c) => roleFromCommand(c, 'commander', c.words),
  },
  role: {
    usage: '`/tplus role comms @someone` (or `role commander`; INC-7 outside the channel): give an incident role',
    run: namedRoleFromCommand,
  },
  help: { usage: '`/tplus help`: this list', run: (c) => c.say(helpText()) },
};

export function helpText(): string {
  return [
    '*tplus* (internal responders; customers use mentions or the Open a ticket button):',
    ...Object.values(VERBS).map((v) => `• ${v.usage}`),
  ].join('\n');
}

export function registerTplusCommand(app: App, deps: ListenerDeps): void {
  app.command(COMMAND, async ({ ack, command, client, context }) => {
    const say = async (text: string) => ack({ response_type: 'ephemeral', text });
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, { id: command.user_id, teamId: command.team_id }))
      return say(REFUSAL.notResponder);
    const [verb = 'help', ...words] = command.text.trim().split(/\s+/);
    const chosen = Object.hasOwn(VERBS, verb) ? VERBS[verb]! : VERBS.help!;
    await chosen.run({
      deps,
      client,
      words,
      userId: command.user_id,
      teamId: command.team_id,
      channelId: command.channel_id,
      triggerId: command.trigger_id,
      get inbox() {
        return inboxOf(context);
      },
      say,
    });
  });
}
