import type { App, BlockAction } from '@slack/bolt';
import { identifyIntake } from '../../../domain/customer-directory.ts';
import { ACTION } from '../../ids.ts';
import { creditModal } from '../../views/credit-views.ts';
import { tellUser, type ListenerDeps } from '../deps.ts';

/**
 * "Request a service credit" beside "Open a ticket": the customer is the channel's, checked by the clicker's Slack
 * team.
 */
export function registerRequestCredit(app: App, deps: ListenerDeps): void {
  const contracts = deps.contracts;
  if (!contracts) return;
  app.action<BlockAction>(ACTION.requestCredit, async ({ ack, body, client }) => {
    await ack();
    const channelId = body.channel?.id ?? '';
    const identity = identifyIntake(deps.directory, channelId, body.user.team_id);
    if (!identity.ok) {
      const text =
        identity.reason === 'unknown-channel'
          ? 'This channel is not connected to a tplus support plan, so no service credit can be requested here. Ask your account team.'
          : 'Only members of the customer organisation this channel belongs to can request a service credit here. Nothing was requested.';
      await tellUser(client, deps.logger, { channel: channelId, user: body.user.id, text });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: creditModal({ channelId, claimWindowDays: contracts.policy.claimWindowDays }) as never,
    });
  });
}
