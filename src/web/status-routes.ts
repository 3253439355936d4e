import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson, type Route } from '../slack/receiver/http-receiver.ts';
import type { Representation, StatusSite } from '../status/status-site.ts';

/** Statuspage's public API v2 paths (both spellings Statuspage accepts for maintenances). */
const PATHS: [string, Representation][] = [
  ['/status', 'html'],
  ['/api/v2/summary.json', 'json:summary'],
  ['/api/v2/status.json', 'json:status'],
  ['/api/v2/components.json', 'json:components'],
  ['/api/v2/incidents.json', 'json:incidents'],
  ['/api/v2/incidents/unresolved.json', 'json:unresolved'],
  ['/api/v2/scheduled-maintenances.json', 'json:maintenances'],
  ['/api/v2/scheduled-maintenances/upcoming.json', 'json:upcoming'],
  ['/api/v2/scheduled-maintenances/active.json', 'json:active'],
];
/** Paged: `?page=n` (1 when absent). */
const PAGED: [string, 'history' | 'atom' | 'rss'][] = [
  ['/history', 'history'],
  ['/history.atom', 'atom'],
  ['/history.rss', 'rss'],
];
const INCIDENT_PATH = /^\/incidents\/([a-z0-9]{1,40})$/;
const MAX_PAGE = 100_000;

/** Short enough that a fixed incident shows within half a minute, long enough to absorb a rush. */
export const PUBLIC_MAX_AGE_SECONDS = 30;

/** The page number asked for, or an error message for a client that asked for something else. */
export function pageParameter(req: IncomingMessage): number | string {
  const raw = new URL(req.url ?? '/', 'http://x').searchParams.get('page');
  if (raw === null) return 1;
  const n = Number(raw);
  return /^\d+$/.test(raw) && n >= 1 && n <= MAX_PAGE
    ? n
    : `page must be a whole number from 1 to ${MAX_PAGE}, not "${raw.slice(0, 20)}"`;
}

/** The headers of a 200 for one encoded body, built once per body: a cached answer costs a write. */
const okHeaders = new WeakMap<Buffer, Record<string, string>>();
function headersFor(body: Buffer, etag: string, contentType: string, isJson: boolean, isGzip: boolean) {
  let headers = okHeaders.get(body);
  if (!headers) {
    headers = {
      'cache-control': `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
      vary: 'accept-encoding',
      etag,
      // Widgets on customers' own sites read the JSON from the browser.
      ...(isJson ? { 'access-control-allow-origin': '*' } : {}),
      'content-type': contentType,
      'content-length': String(body.length),
      ...(isGzip ? { 'content-encoding': 'gzip' } : {}),
    };
    okHeaders.set(body, headers);
  }
  return headers;
}

async function serve(site: StatusSite, what: Representation, req: IncomingMessage, res: ServerResponse) {
  const rendered = await site.render(what);
  const isJson = what.startsWith('json:');
  if (!rendered) return sendJson(res, 404, { error: 'not_found', message: 'There is no such incident or page.' });
  const accepted = req.headers['accept-encoding'];
  const isGzip = typeof accepted === 'string' && /\bgzip\b/.test(accepted);
  const { body, etag } = isGzip ? rendered.gzipped() : rendered;
  const given = req.headers['if-none-match'];
  if (given !== undefined && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    const {
      'content-type': _type,
      'content-length': _length,
      'content-encoding': _encoding,
      ...headers
    } = headersFor(body, etag, rendered.contentType, isJson, isGzip);
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headersFor(body, etag, rendered.contentType, isJson, isGzip));
  res.end(body);
}

/** GET routes for the status page, incident pages, the history and its feeds, and the Statuspage JSON; no login. */
export function statusRoutes(site: StatusSite): Route[] {
  return [
    ...PATHS.map(([path, what]): Route => ({ method: 'GET', path, handle: (req, res) => serve(site, what, req, res) })),
    ...PAGED.map(([path, kind]): Route => ({
      method: 'GET',
      path,
      handle(req, res) {
        const page = pageParameter(req);
        if (typeof page === 'string') return sendJson(res, 400, { error: 'bad_page', message: page });
        return serve(site, `${kind}:${page}`, req, res);
      },
    })),
    {
      method: 'GET',
      path: INCIDENT_PATH,
      handle: (req, res) =>
        serve(site, `incident:${INCIDENT_PATH.exec((req.url ?? '').split('?')[0] ?? '')?.[1] ?? ''}`, req, res),
    },
  ];
}
