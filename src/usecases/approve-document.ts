import { TO_COMPLETE } from '../domain/documents/index.ts';
import { isCustomerFacing } from '../domain/follow-ups/index.ts';
import type { DocumentStore } from './document-ports.ts';
import { refusalFor, type Actor, type DocumentPolicy } from './document-policy.ts';
import { documentCardEffect } from './document-messages.ts';
import type { Clock } from './ports.ts';

/**
 * Approves the document's current revision. The internal post-mortem's deadline is met by its
 * approval (it is never sent); customer documents meet theirs when sent.
 */
export async function approveDocument({
  documents,
  policy,
  clock,
  documentId,
  actor,
  causeInboxId,
}: {
  documents: DocumentStore;
  policy: DocumentPolicy;
  clock: Clock;
  documentId: number;
  actor: Actor;
  causeInboxId?: number;
}): Promise<{ approved: true } | { refusal: string }> {
  const doc = await documents.get(documentId);
  if (!doc) return { refusal: 'That document does not exist. Nothing was changed.' };
  const refusal = refusalFor(policy, actor, doc, 'approve');
  if (refusal) return { refusal };
  if (doc.state !== 'draft') return { refusal: `This document is already ${doc.state}. Nothing was changed.` };
  // A customer must never receive a root cause that reads "To be completed.".
  if (isCustomerFacing(doc.kind) && doc.markdown.includes(TO_COMPLETE)) {
    return {
      refusal: `Some sections still read “${TO_COMPLETE}” Press Edit and write them before approving. Nothing was changed.`,
    };
  }
  const at = clock.now();
  const approved = await documents.approve(
    { id: doc.id, revision: doc.revision, by: actor.id, meetsDeadline: !isCustomerFacing(doc.kind) },
    {
      at,
      ...(causeInboxId !== undefined ? { causeInboxId } : {}),
      events: [
        {
          kind: 'document',
          actor: actor.id,
          text: `${doc.kind}${doc.customerId ? ` for ${doc.customerId}` : ''} revision ${doc.revision} approved by ${actor.id}`,
          detail: { documentId: doc.id },
        },
      ],
      effects: [
        documentCardEffect(policy, doc, {
          state: 'approved',
          note: `Revision ${doc.revision} approved by <@${actor.id}>.`,
          at,
          isFirst: false,
        }),
      ],
    },
  );
  return approved
    ? { approved: true }
    : { refusal: 'The document changed meanwhile (a new revision, or already approved). Nothing was changed.' };
}
