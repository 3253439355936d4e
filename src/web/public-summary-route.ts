import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import type { Clock } from '../usecases/ports.ts';
import type { PublicSummaryStore } from '../usecases/public-summary-ports.ts';
import { publishIncidentSummary } from '../usecases/publish-incident-summary.ts';
import { requireBearer } from './bearer-auth.ts';

const PATH = /^\/documents\/([1-9]\d{0,9})\/publish$/;

/**
 * POST /documents/<id>/publish, internal (`Authorization: Bearer <TPLUS_INTERNAL_TOKEN>`; absent
 * without the token): shows the document's summary sections on its incident's public page.
 */
export function publicSummaryRoute({
  token,
  store,
  clock,
}: {
  token: string | undefined;
  store: PublicSummaryStore;
  clock: Clock;
}): Route {
  return {
    method: 'POST',
    path: PATH,
    async handle(req, res) {
      if (!requireBearer(req, res, token, { error: 'not_found' })) return;
      const id = Number(PATH.exec((req.url ?? '').split('?')[0] ?? '')?.[1]);
      const result = await publishIncidentSummary({ store, clock, documentId: id });
      if (!result.ok) return sendJson(res, result.status, { error: 'not_published', message: result.message });
      sendJson(res, 200, { published: true, publishedAt: result.publishedAt.toISOString() });
    },
  };
}
