import { isCustomerFacing, type FollowUpKind } from '../domain/follow-ups/index.ts';
import type { DocumentStore, StoredDocument } from './document-ports.ts';
import { customerById, refusalFor, type Actor, type DocumentPolicy } from './document-policy.ts';
import { documentCardEffect } from './document-messages.ts';
import { composeDocument } from './compose-document.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { Clock } from './ports.ts';

export type DraftOutcome = { document: StoredDocument; isNew: boolean } | { refusal: string };

/**
 * "Draft …": renders the document from the incident's facts and stores it as a draft (its card
 * goes to triage), or returns the one already drafted so it can be edited.
 */
export async function draftDocument({
  incidents,
  documents,
  policy,
  clock,
  incidentId,
  kind,
  customerId,
  actor,
}: {
  incidents: IncidentStore;
  documents: DocumentStore;
  policy: DocumentPolicy;
  clock: Clock;
  incidentId: number;
  kind: FollowUpKind;
  customerId: string;
  actor: Actor;
}): Promise<DraftOutcome> {
  const refusal = refusalFor(policy, actor, { kind, customerId }, 'edit');
  if (refusal) return { refusal };
  const incident = await incidents.get(incidentId);
  if (!incident?.resolvedAt)
    return { refusal: 'Documents are drafted once the incident is resolved. Nothing was changed.' };
  if (isCustomerFacing(kind) !== Boolean(customerId) || (customerId && !customerById(policy, customerId)))
    return { refusal: 'That document does not exist for this incident. Nothing was changed.' };
  const existing = await documents.find(incidentId, kind, customerId);
  if (existing) return { document: existing, isNew: false };
  const { markdown, sections } = await composeDocument({
    incidents,
    documents,
    policy,
    incident: incident as typeof incident & { resolvedAt: Date },
    kind,
    customerId,
    sections: {},
  });
  const at = clock.now();
  return documents.createDraft({ incidentId, kind, customerId, markdown, sections, by: actor.id, at }, (doc) => ({
    at,
    events: [
      {
        kind: 'document',
        actor: actor.id,
        text: `${doc.kind} drafted${customerId ? ` for ${customerId}` : ''} by ${actor.id}`,
        detail: { documentId: doc.id },
      },
    ],
    effects: [
      documentCardEffect(policy, doc, { state: 'draft', note: `Drafted by <@${actor.id}>.`, at, isFirst: true }),
    ],
  }));
}
