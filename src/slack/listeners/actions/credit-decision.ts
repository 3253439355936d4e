import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { decideCredit } from '../../../usecases/decide-credit.ts';
import { ACTION } from '../../ids.ts';
import { inboxOf, tellUser, type ListenerDeps } from '../deps.ts';

/** Approve / Reject on a credit claim DM: only the success owner or an approver; others get an ephemeral refusal. */
export function registerCreditDecision(app: App, deps: ListenerDeps): void {
  const contracts = deps.contracts;
  if (!contracts) return;
  for (const [actionId, state] of [
    [ACTION.approveCredit, 'approved'],
    [ACTION.rejectCredit, 'rejected'],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, context }) => {
      await ack();
      const outcome = await decideCredit({
        store: contracts.store,
        claims: contracts.claims,
        policy: contracts.policy,
        clock: deps.clock,
        ourTeamId: deps.directory.ourTeamId,
        decision: {
          inboxId: inboxOf(context).inboxId,
          claimId: Number(action.value),
          state,
          userId: body.user.id,
          teamId: body.user.team_id,
        },
      });
      if (!outcome.ok)
        await tellUser(client, deps.logger, {
          channel: body.channel?.id ?? body.user.id,
          user: body.user.id,
          text: outcome.message,
        });
      else deps.onCommitted();
    });
  }
}
