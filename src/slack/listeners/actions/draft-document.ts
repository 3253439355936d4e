import type { App, BlockAction } from '@slack/bolt';
import { FOLLOW_UP_KINDS, type FollowUpKind } from '../../../domain/follow-ups/index.ts';
import { draftDocument } from '../../../usecases/draft-document.ts';
import { documentLabel } from '../../../usecases/document-messages.ts';
import { ACTION } from '../../ids.ts';
import { documentModal } from '../../views/document-modal.ts';
import { tellUser, type ListenerDeps } from '../deps.ts';
import { actorOf, buttonValue } from './document-actor.ts';

const DRAFT_ACTION = new RegExp(`^${ACTION.draftDocument}:`);

/**
 * "Draft …" on the follow-up card (value `<incident>:<kind>:<customer>`): drafts the document, or reopens the draft, in
 * the edit modal.
 */
export function registerDraftDocument(app: App, deps: ListenerDeps): void {
  const documents = deps.documents;
  if (!documents) return;
  app.action<BlockAction>({ type: 'block_actions', action_id: DRAFT_ACTION }, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? deps.policy.triageChannelId;
    const [incidentText, kindText, customerId = ''] = buttonValue(body).split(':');
    const kind = FOLLOW_UP_KINDS.find((k) => k === kindText) as FollowUpKind | undefined;
    const incidentId = Number(incidentText);
    if (!kind || !Number.isInteger(incidentId)) {
      await tellUser(client, deps.logger, {
        channel,
        user: body.user.id,
        text: 'That button is not one of ours any more. Nothing was changed.',
      });
      return;
    }
    const outcome = await draftDocument({
      incidents: deps.incidents,
      documents: documents.store,
      policy: documents.policy,
      clock: deps.clock,
      incidentId,
      kind,
      customerId,
      actor: actorOf(body),
    });
    if ('refusal' in outcome) {
      await tellUser(client, deps.logger, { channel, user: body.user.id, text: outcome.refusal });
      return;
    }
    if (outcome.isNew) deps.onCommitted();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: documentModal(
        outcome.document,
        `Edit ${documentLabel(documents.policy, outcome.document).split(' of ')[0]}`,
      ) as never,
    });
  });
}
