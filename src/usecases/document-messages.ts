import { DOCUMENT_TITLES } from '../domain/documents/index.ts';
import { isCustomerFacing } from '../domain/follow-ups/index.ts';
import { incidentRef } from '../domain/incident.ts';
import type { StoredDocument } from './document-ports.ts';
import { customerById, type DocumentPolicy } from './document-policy.ts';
import type { MessageSpec, OutboxEffect } from './ports.ts';

export const documentCardKey = (documentId: number): string => `document:${documentId}:card`;

export function documentLabel(
  policy: DocumentPolicy,
  doc: Pick<StoredDocument, 'incidentId' | 'kind' | 'customerId'>,
): string {
  const customer = doc.customerId ? (customerById(policy, doc.customerId)?.name ?? doc.customerId) : '';
  return `${DOCUMENT_TITLES[doc.kind]} of ${incidentRef(doc.incidentId)}${customer ? ` for ${customer}` : ''}`;
}

function cardMessage(
  policy: DocumentPolicy,
  doc: Pick<StoredDocument, 'id' | 'incidentId' | 'kind' | 'customerId' | 'revision'>,
  state: string,
  note: string,
): MessageSpec {
  return {
    view: 'document-card',
    data: {
      documentId: doc.id,
      label: documentLabel(policy, doc),
      state,
      revision: doc.revision,
      isCustomerFacing: isCustomerFacing(doc.kind),
      note,
    },
  };
}

/** The document's card in triage: posted with the first draft, updated after each change. */
export function documentCardEffect(
  policy: DocumentPolicy,
  doc: Pick<StoredDocument, 'id' | 'incidentId' | 'kind' | 'customerId' | 'revision'>,
  { state, note, at, isFirst }: { state: string; note: string; at: Date; isFirst: boolean },
): OutboxEffect {
  const message = cardMessage(policy, doc, state, note);
  return isFirst
    ? { kind: 'slack.post', key: documentCardKey(doc.id), channel: policy.triageChannelId, message }
    : {
        kind: 'slack.update',
        key: `${documentCardKey(doc.id)}:r${doc.revision}:${state}:${at.getTime()}`,
        target: { key: documentCardKey(doc.id) },
        message,
      };
}
