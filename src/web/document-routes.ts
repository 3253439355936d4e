import type { ServerResponse } from 'node:http';
import { documentPage } from '../documents/markdown-html.ts';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import { requireBearer } from './bearer-auth.ts';
import type { DocumentStore } from '../usecases/document-ports.ts';

function send(res: ServerResponse, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(body);
}

/**
 * GET /documents/<id> (HTML) and /documents/<id>.md (the Markdown, as a download), internal:
 * `Authorization: Bearer <TPLUS_INTERNAL_TOKEN>`; without the token configured the routes do not
 * exist (404). The page allows no script, frame or remote resource at all (CSP), on top of the
 * escaping of everything anyone typed.
 */
export function documentRoutes({ token, documents }: { token: string | undefined; documents: DocumentStore }): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/documents\//,
      async handle(req, res) {
        if (!requireBearer(req, res, token, { error: 'not_found' })) return;
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        const match = /^\/documents\/([1-9]\d{0,9})(\.md)?$/.exec(path);
        if (!match)
          return sendJson(res, 400, {
            error: 'malformed_document_id',
            detail: 'expected /documents/<number> or /documents/<number>.md',
          });
        const doc = await documents.get(Number(match[1]));
        if (!doc) return sendJson(res, 404, { error: 'unknown_document' });
        if (match[2]) {
          return send(res, 'text/markdown', doc.markdown, {
            'content-disposition': `attachment; filename="incident-${doc.incidentId}-${doc.kind}${doc.customerId ? `-${doc.customerId.replace(/[^a-z0-9-]/gi, '')}` : ''}-r${doc.revision}.md"`,
          });
        }
        const title = /^# (.*)$/m.exec(doc.markdown)?.[1]?.replace(/\\(.)/g, '$1') ?? 'Incident document';
        send(res, 'text/html', documentPage({ title, markdown: doc.markdown }), {
          'content-security-policy':
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        });
      },
    },
  ];
}
