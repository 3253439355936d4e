import type { App, BlockAction } from '@slack/bolt';
import { refusalFor } from '../../../usecases/document-policy.ts';
import { documentLabel } from '../../../usecases/document-messages.ts';
import { ACTION } from '../../ids.ts';
import { documentModal } from '../../views/document-modal.ts';
import { tellUser, type ListenerDeps } from '../deps.ts';
import { actorOf, buttonValue } from './document-actor.ts';

/** "Edit" on a document card: opens the edit modal on the current revision. */
export function registerEditDocument(app: App, deps: ListenerDeps): void {
  const documents = deps.documents;
  if (!documents) return;
  app.action<BlockAction>(ACTION.editDocument, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? deps.policy.triageChannelId;
    const doc = await documents.store.get(Number(buttonValue(body)));
    const refusal = !doc
      ? 'That document does not exist. Nothing was changed.'
      : (refusalFor(documents.policy, actorOf(body), doc, 'edit') ??
        (doc.state === 'sent' ? 'This document was already sent; it can no longer be changed.' : undefined));
    if (refusal || !doc) {
      await tellUser(client, deps.logger, { channel, user: body.user.id, text: refusal ?? '' });
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: documentModal(doc, `Edit ${documentLabel(documents.policy, doc).split(' of ')[0]}`) as never,
    });
  });
}
