import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { StateWeights } from '../domain/uptime/index.ts';
import type { Clock } from '../usecases/ports.ts';
import type { StatusStore } from '../usecases/status-ports.ts';
import { createApiModel, type ApiModel } from './api-model.ts';
import { buildHistoryFeed } from './history-feed.ts';
import { buildPageModel, historyStart, pageWindowStart, type PageComponent } from './page-model.ts';
import { createStatusPageRenderer } from './render-page.ts';

export type Representation = 'html' | 'atom' | 'rss' | `json:${keyof ApiModel}`;

export interface Rendered {
  /** Encoded once, so a cached answer costs a write and nothing else. */
  body: Buffer;
  etag: string;
  contentType: string;
  /** The same body gzipped, made on first demand (the page's bars and history shrink ~15×). */
  gzipped(): { body: Buffer; etag: string };
}

export interface StatusSiteSettings {
  title: string;
  timeZone: string;
  url: string;
  weights: StateWeights;
}

const CONTENT_TYPE = {
  html: 'text/html; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Everything the public reads, rendered from one snapshot of the store and cached until either
 * the data changes (the store's version, which any write in any process moves) or the minute
 * turns (the bars and "today" are measured up to now). Each representation is rendered on first
 * request and then served from memory with a strong ETag.
 */
export function createStatusSite({
  store,
  clock,
  settings,
  components,
  templatesDir,
}: {
  store: StatusStore;
  clock: Clock;
  settings: StatusSiteSettings;
  components: readonly PageComponent[];
  templatesDir: string;
}) {
  const renderPage = createStatusPageRenderer(templatesDir);

  async function snapshot() {
    const now = clock.now();
    const [changes, incidents] = await Promise.all([
      store.componentChanges(pageWindowStart(now, settings.timeZone), new Date(now.getTime() + 1)),
      store.list({ since: historyStart(now, settings.timeZone) }),
    ]);
    const api = createApiModel({ now, settings, components, changes, incidents });
    const renderers: Record<Representation, () => { text: string; type: string }> = {
      html: () => ({
        type: CONTENT_TYPE.html,
        text: renderPage(buildPageModel({ now, settings, components, changes, incidents }), {
          partialPercent: Math.round(settings.weights.partialOutage * 100),
          feedUrl: '/history.atom',
        }),
      }),
      atom: () => ({
        type: CONTENT_TYPE.atom,
        text: buildHistoryFeed({ now, title: settings.title, url: settings.url, incidents }).atom1(),
      }),
      rss: () => ({
        type: CONTENT_TYPE.rss,
        text: buildHistoryFeed({ now, title: settings.title, url: settings.url, incidents }).rss2(),
      }),
      ...(Object.fromEntries(
        (Object.keys(api) as (keyof ApiModel)[]).map((k) => [
          `json:${k}`,
          () => ({ type: CONTENT_TYPE.json, text: JSON.stringify(api[k]()) }),
        ]),
      ) as Record<`json:${keyof ApiModel}`, () => { text: string; type: string }>),
    };
    const rendered = new Map<Representation, Rendered>();
    return (what: Representation): Rendered => {
      let r = rendered.get(what);
      if (!r) {
        const { text, type } = renderers[what]();
        const body = Buffer.from(text);
        const hash = createHash('sha1').update(body).digest('base64url');
        let gz: { body: Buffer; etag: string } | undefined;
        r = {
          body,
          contentType: type,
          etag: `"${hash}"`,
          gzipped: () => (gz ??= { body: gzipSync(body), etag: `"${hash}-gz"` }),
        };
        rendered.set(what, r);
      }
      return r;
    };
  }

  let cached: { key: string; value: Promise<(what: Representation) => Rendered> } | undefined;
  return {
    async render(what: Representation): Promise<Rendered> {
      const key = `${store.version()}|${Math.floor(clock.now().getTime() / 60_000)}`;
      if (cached?.key !== key) {
        const value = snapshot();
        cached = { key, value };
        // A failed read is not kept: the next request tries again.
        value.catch(() => {
          if (cached?.value === value) cached = undefined;
        });
      }
      return (await cached.value)(what);
    },
  };
}
export type StatusSite = ReturnType<typeof createStatusSite>;
