import type { App, BlockAction } from '@slack/bolt';
import { identifyIntake } from '../../../domain/customer-directory.ts';
import { ACTION } from '../../ids.ts';
import { ticketModal } from '../../views/modals.ts';
import { REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

/** "Open a ticket" button in a customer channel: reaches external members, unlike slash commands. */
export function registerOpenTicket(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(ACTION.openTicket, async ({ ack, body, client }) => {
    await ack();
    const channelId = body.channel?.id ?? '';
    const identity = identifyIntake(deps.directory, channelId, body.user.team_id);
    if (!identity.ok) {
      await tellUser(client, deps.logger, {
        channel: channelId,
        user: body.user.id,
        text: identity.reason === 'unknown-channel' ? REFUSAL.unknownChannel : REFUSAL.stranger,
      });
      return;
    }
    const components = deps.components.filter((c) => identity.customer.components.includes(c.id));
    await client.views.open({
      trigger_id: body.trigger_id,
      view: ticketModal({
        channelId,
        components,
        maxSummaryLength: deps.policy.maxSummaryLength,
        meaning: deps.meaning,
      }) as never,
    });
  });
}
