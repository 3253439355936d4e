import { DOCUMENT_SECTIONS, internalReferenceIn, SECTION_MAX_CHARS } from '../domain/documents/index.ts';
import { isCustomerFacing } from '../domain/follow-ups/index.ts';
import type { DocumentStore } from './document-ports.ts';
import { refusalFor, type Actor, type DocumentPolicy } from './document-policy.ts';
import { documentCardEffect } from './document-messages.ts';
import { composeDocument } from './compose-document.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { Clock } from './ports.ts';

/** Field errors by section name, or a refusal for the whole form; `saved` when a new revision was stored. */
export type SaveOutcome = { saved: true } | { errors: Record<string, string> } | { refusal: string };

/**
 * Stores the sections edited in the modal as a new revision (re-rendered from the template; an
 * approved document goes back to draft). Customer documents refuse sections that name our
 * people's Slack ids, channels or links; a document changed meanwhile is not overwritten.
 */
export async function saveDocumentRevision({
  incidents,
  documents,
  policy,
  clock,
  documentId,
  fromRevision,
  sections,
  actor,
  causeInboxId,
}: {
  incidents: IncidentStore;
  documents: DocumentStore;
  policy: DocumentPolicy;
  clock: Clock;
  documentId: number;
  fromRevision: number;
  sections: Record<string, string>;
  actor: Actor;
  causeInboxId?: number;
}): Promise<SaveOutcome> {
  const doc = await documents.get(documentId);
  if (!doc) return { refusal: 'That document does not exist. Nothing was changed.' };
  const refusal = refusalFor(policy, actor, doc, 'edit');
  if (refusal) return { refusal };
  const specs = DOCUMENT_SECTIONS[doc.kind];
  const errors: Record<string, string> = {};
  const cleaned: Record<string, string> = {};
  for (const spec of specs) {
    const text = (sections[spec.name] ?? '').trim();
    cleaned[spec.name] = text;
    if (text.length > SECTION_MAX_CHARS) errors[spec.name] = `At most ${SECTION_MAX_CHARS} characters.`;
    const reference = isCustomerFacing(doc.kind) ? internalReferenceIn(text) : undefined;
    if (reference) errors[spec.name] = `The customer will read this: remove ${reference}.`;
  }
  const first = specs[0]?.name ?? 'summary';
  if (doc.state === 'sent') errors[first] = 'This document was already sent; it can no longer be changed.';
  else if (doc.revision !== fromRevision)
    errors[first] = 'Someone saved this document meanwhile: close this and press Edit again to see their changes.';
  if (Object.keys(errors).length > 0) return { errors };
  const incident = await incidents.get(doc.incidentId);
  if (!incident?.resolvedAt) return { refusal: 'The incident of this document is gone. Nothing was changed.' };
  const { markdown } = await composeDocument({
    incidents,
    documents,
    policy,
    incident: incident as typeof incident & { resolvedAt: Date },
    kind: doc.kind,
    customerId: doc.customerId,
    sections: cleaned,
  });
  const at = clock.now();
  const saved = await documents.saveRevision(
    { id: doc.id, fromRevision, markdown, sections: cleaned, by: actor.id },
    {
      at,
      ...(causeInboxId !== undefined ? { causeInboxId } : {}),
      events: [
        {
          kind: 'document',
          actor: actor.id,
          text: `${doc.kind}${doc.customerId ? ` for ${doc.customerId}` : ''} revision ${fromRevision + 1} saved by ${actor.id}`,
          detail: { documentId: doc.id },
        },
      ],
      effects: [
        documentCardEffect(
          policy,
          { ...doc, revision: fromRevision + 1 },
          {
            state: 'draft',
            note: `Revision ${fromRevision + 1} saved by <@${actor.id}>${doc.state === 'approved' ? ' (approval withdrawn: approve again)' : ''}.`,
            at,
            isFirst: false,
          },
        ),
      ],
    },
  );
  return saved
    ? { saved: true }
    : { errors: { [first]: 'Someone saved this document meanwhile: close this and press Edit again.' } };
}
