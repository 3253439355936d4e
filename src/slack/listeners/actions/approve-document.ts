import type { App, BlockAction } from '@slack/bolt';
import { approveDocument } from '../../../usecases/approve-document.ts';
import { ACTION } from '../../ids.ts';
import { inboxOf, tellUser, type ListenerDeps } from '../deps.ts';
import { actorOf, buttonValue } from './document-actor.ts';

/** "Approve" on a document card: the success owner or an approver (responders for the post-mortem). */
export function registerApproveDocument(app: App, deps: ListenerDeps): void {
  const documents = deps.documents;
  if (!documents) return;
  app.action<BlockAction>(ACTION.approveDocument, async ({ ack, body, client, context }) => {
    await ack();
    const outcome = await approveDocument({
      documents: documents.store,
      policy: documents.policy,
      clock: deps.clock,
      documentId: Number(buttonValue(body)),
      actor: actorOf(body),
      causeInboxId: inboxOf(context).inboxId,
    });
    if ('refusal' in outcome)
      await tellUser(client, deps.logger, {
        channel: body.channel?.id ?? deps.policy.triageChannelId,
        user: body.user.id,
        text: outcome.refusal,
      });
    else deps.onCommitted();
  });
}
