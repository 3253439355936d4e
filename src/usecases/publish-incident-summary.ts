import { publicSummarySections } from '../domain/documents/public-summary.ts';
import type { Clock } from './ports.ts';
import type { PublicSummaryStore } from './public-summary-ports.ts';

/**
 * Publishes a post-mortem's or RCA's summary sections on the incident's public page. Refused
 * (with the reason, nothing stored) for another kind, a draft, an empty summary or a section with
 * an internal reference.
 */
export async function publishIncidentSummary({
  store,
  clock,
  documentId,
}: {
  store: PublicSummaryStore;
  clock: Clock;
  documentId: number;
}): Promise<{ ok: true; publishedAt: Date } | { ok: false; status: 400 | 404; message: string }> {
  const doc = await store.document(documentId);
  if (!doc) return { ok: false, status: 404, message: `There is no document ${documentId}.` };
  const checked = publicSummarySections(doc);
  if (!checked.ok) return { ok: false, status: 400, message: checked.message };
  return { ok: true, publishedAt: await store.markPublished(documentId, clock.now()) };
}
