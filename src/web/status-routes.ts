import type { Route } from '../slack/receiver/http-receiver.ts';
import type { Representation, StatusSite } from '../status/status-site.ts';

/** Statuspage's public API v2 paths (both spellings Statuspage accepts for maintenances). */
const PATHS: [string, Representation][] = [
  ['/status', 'html'],
  ['/history.atom', 'atom'],
  ['/history.rss', 'rss'],
  ['/api/v2/summary.json', 'json:summary'],
  ['/api/v2/status.json', 'json:status'],
  ['/api/v2/components.json', 'json:components'],
  ['/api/v2/incidents.json', 'json:incidents'],
  ['/api/v2/incidents/unresolved.json', 'json:unresolved'],
  ['/api/v2/scheduled-maintenances.json', 'json:maintenances'],
  ['/api/v2/scheduled-maintenances/upcoming.json', 'json:upcoming'],
  ['/api/v2/scheduled-maintenances/active.json', 'json:active'],
];

/** Short enough that a fixed incident shows within half a minute, long enough to absorb a rush. */
export const PUBLIC_MAX_AGE_SECONDS = 30;

/** GET routes for the status page, its feeds and the Statuspage-compatible JSON; no login. */
export function statusRoutes(site: StatusSite): Route[] {
  return PATHS.map(([path, what]) => ({
    method: 'GET',
    path,
    async handle(req, res) {
      const rendered = await site.render(what);
      const accepted = req.headers['accept-encoding'];
      const isGzip = typeof accepted === 'string' && /\bgzip\b/.test(accepted);
      const { body, etag } = isGzip ? rendered.gzipped() : rendered;
      const headers: Record<string, string> = {
        'cache-control': `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`,
        vary: 'accept-encoding',
        etag,
        // Widgets on customers' own sites read the JSON from the browser.
        ...(what.startsWith('json:') ? { 'access-control-allow-origin': '*' } : {}),
      };
      const given = req.headers['if-none-match'];
      if (given !== undefined && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      res.writeHead(200, {
        ...headers,
        'content-type': rendered.contentType,
        'content-length': String(body.length),
        ...(isGzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(body);
    },
  }));
}
