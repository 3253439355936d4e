import { splitMarkdown } from '../domain/documents/index.ts';
import type { DocumentStore } from './document-ports.ts';
import { customerById, refusalFor, type Actor, type DocumentPolicy } from './document-policy.ts';
import { documentCardEffect, documentLabel } from './document-messages.ts';
import type { Clock, OutboxEffect } from './ports.ts';

/** Slack allows about 12,000 characters of block text and 50 blocks per message; parts stay well below. */
const PART_CHARS = 8000;
const PART_PIECES = 20;

/**
 * "Send to customer": posts the approved revision into the customer's Slack Connect channel as
 * messages of header and section blocks (in order, one outbox item per part, keyed by document
 * and revision), records the time and meets the follow-up deadline, in one transaction.
 */
export async function sendDocument({
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
}): Promise<{ sent: true } | { refusal: string }> {
  const doc = await documents.get(documentId);
  if (!doc) return { refusal: 'That document does not exist. Nothing was changed.' };
  const refusal = refusalFor(policy, actor, doc, 'send');
  if (refusal) return { refusal };
  if (doc.state === 'sent') return { refusal: 'This document was already sent. Nothing was changed.' };
  if (doc.state !== 'approved')
    return { refusal: 'Only an approved document can be sent: approve this revision first. Nothing was changed.' };
  const customer = customerById(policy, doc.customerId);
  const channel = customer?.supportChannels[0] ?? customer?.channels[0];
  if (!customer || !channel) return { refusal: 'This customer has no Slack channel configured. Nothing was changed.' };
  const at = clock.now();
  const parts = splitMarkdown(doc.markdown, PART_CHARS, PART_PIECES);
  const effects: OutboxEffect[] = parts.map((markdown, i) => ({
    kind: 'slack.post',
    key: `document:${doc.id}:r${doc.revision}:part-${i + 1}`,
    channel,
    message: { view: 'document-part', data: { markdown } },
  }));
  effects.push(
    documentCardEffect(policy, doc, {
      state: 'sent',
      note: `Sent to ${customer.name} by <@${actor.id}>.`,
      at,
      isFirst: false,
    }),
  );
  const sent = await documents.markSent(
    { id: doc.id, revision: doc.revision, by: actor.id },
    {
      at,
      ...(causeInboxId !== undefined ? { causeInboxId } : {}),
      events: [
        {
          kind: 'document-sent',
          actor: actor.id,
          text: `${documentLabel(policy, doc)} sent (revision ${doc.revision}, ${parts.length} message${parts.length === 1 ? '' : 's'}) by ${actor.id}`,
          detail: { documentId: doc.id, customerId: doc.customerId, parts: parts.length },
        },
      ],
      effects,
    },
  );
  return sent
    ? { sent: true }
    : { refusal: 'The document changed meanwhile (a new revision, or already sent). Nothing was changed.' };
}
