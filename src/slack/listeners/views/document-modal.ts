import type { App, ViewSubmitAction } from '@slack/bolt';
import { saveDocumentRevision } from '../../../usecases/save-document-revision.ts';
import { VIEW } from '../../ids.ts';
import { readSections, sectionBlockId } from '../../views/document-modal.ts';
import { inboxOf, type ListenerDeps } from '../deps.ts';

/** The edit modal's submission: a new revision, or field errors in the modal (nothing stored). */
export function registerDocumentModal(app: App, deps: ListenerDeps): void {
  const documents = deps.documents;
  if (!documents) return;
  app.view<ViewSubmitAction>(VIEW.documentModal, async ({ ack, body, view, context }) => {
    let meta: { documentId?: unknown; revision?: unknown } = {};
    try {
      meta = JSON.parse(view.private_metadata) as typeof meta;
    } catch {
      /* answered below */
    }
    const doc = Number.isInteger(meta.documentId) ? await documents.store.get(Number(meta.documentId)) : undefined;
    const firstBlock = Object.keys(view.state.values)[0] ?? sectionBlockId('summary');
    if (!doc || !Number.isInteger(meta.revision)) {
      await ack({
        response_action: 'errors',
        errors: { [firstBlock]: 'This document no longer exists. Nothing was saved.' },
      });
      return;
    }
    const outcome = await saveDocumentRevision({
      incidents: deps.incidents,
      documents: documents.store,
      policy: documents.policy,
      clock: deps.clock,
      documentId: doc.id,
      fromRevision: Number(meta.revision),
      sections: readSections(doc.kind, view.state.values as never),
      actor: { id: body.user.id, teamId: body.user.team_id },
      causeInboxId: inboxOf(context).inboxId,
    });
    if ('errors' in outcome) {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(outcome.errors).map(([name, text]) => [sectionBlockId(name), text])),
      });
      return;
    }
    if ('refusal' in outcome) {
      await ack({ response_action: 'errors', errors: { [firstBlock]: outcome.refusal } });
      return;
    }
    await ack();
    deps.onCommitted();
  });
}
