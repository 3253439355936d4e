import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { StateWeights } from '../domain/uptime/index.ts';
import type { Clock } from '../usecases/ports.ts';
import type { PublicSummaryStore } from '../usecases/public-summary-ports.ts';
import type { StatusStore } from '../usecases/status-ports.ts';
import { API_LIST_LIMIT, createApiModel, type ApiModel } from './api-model.ts';
import { FEED_PAGE_SIZE, historyAtom, historyRss } from './history-feed.ts';
import { buildHistoryPage, buildIncidentPage, HISTORY_PAGE_SIZE } from './history-page.ts';
import { buildPageModel, historyStart, pageWindowStart, type PageComponent } from './page-model.ts';
import { createStatusPageRenderer } from './render-page.ts';

/** What can be asked for: the page, a page of the history or feeds (1-based), one incident, the JSON. */
export type Representation =
  'html' | `history:${number}` | `atom:${number}` | `rss:${number}` | `incident:${string}` | `json:${keyof ApiModel}`;

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

function encode(text: string, contentType: string): Rendered {
  const body = Buffer.from(text);
  const hash = createHash('sha1').update(body).digest('base64url');
  let gz: { body: Buffer; etag: string } | undefined;
  return {
    body,
    contentType,
    etag: `"${hash}"`,
    gzipped: () => (gz ??= { body: gzipSync(body), etag: `"${hash}-gz"` }),
  };
}

/**
 * Everything the public reads, rendered from one snapshot of the store and cached until either
 * the data changes (the store's version, which any write in any process moves) or the minute
 * turns (the bars and "today" are measured up to now). Each representation is rendered on first
 * request and then served from memory with a strong ETag; one that does not exist (an unknown
 * incident, a page past the end) is undefined.
 */
export function createStatusSite({
  store,
  clock,
  settings,
  components,
  templatesDir,
  summaries,
}: {
  store: StatusStore;
  /** Published post-mortem and RCA summaries for incident pages (read with the page, so shown within the minute). */
  summaries?: PublicSummaryStore;
  clock: Clock;
  settings: StatusSiteSettings;
  components: readonly PageComponent[];
  templatesDir: string;
}) {
  const render = createStatusPageRenderer(templatesDir);
  const componentNames = new Map(components.map((c) => [c.id, c.name]));

  async function snapshot() {
    const now = clock.now();
    const [changes, incidents, recentIncidents, recentMaintenances, firstChanges, databaseCreatedAt] =
      await Promise.all([
        store.componentChanges(pageWindowStart(now, settings.timeZone), new Date(now.getTime() + 1)),
        store.list({ since: historyStart(now, settings.timeZone) }),
        store.page({ kind: 'incident', limit: API_LIST_LIMIT, offset: 0 }),
        store.page({ kind: 'maintenance', limit: API_LIST_LIMIT, offset: 0 }),
        store.firstChanges(),
        store.createdAt(),
      ]);
    const api = createApiModel({
      now,
      settings,
      components,
      changes,
      incidents,
      recent: { incidents: recentIncidents.records, maintenances: recentMaintenances.records },
      since: { firstChanges, databaseCreatedAt },
    });
    const feedPage = async (n: number) => {
      const { records, total } = await store.page({ limit: FEED_PAGE_SIZE, offset: (n - 1) * FEED_PAGE_SIZE });
      const pageCount = Math.max(1, Math.ceil(total / FEED_PAGE_SIZE));
      return n > pageCount
        ? undefined
        : { title: settings.title, url: settings.url, now, feed: { records, page: n, pageCount } };
    };
    const renderers = {
      html: async () =>
        encode(
          render.status(buildPageModel({ now, settings, components, changes, incidents }), {
            partialPercent: Math.round(settings.weights.partialOutage * 100),
            feedUrl: '/history.atom',
          }),
          CONTENT_TYPE.html,
        ),
      history: async (n: number) => {
        const { records, total } = await store.page({ limit: HISTORY_PAGE_SIZE, offset: (n - 1) * HISTORY_PAGE_SIZE });
        if (n > 1 && records.length === 0) return undefined;
        const model = buildHistoryPage({ now, settings, componentNames, records, page: n, total });
        return encode(render.history(model), CONTENT_TYPE.html);
      },
      incident: async (publicId: string) => {
        const record = await store.byPublicId(publicId);
        if (!record) return undefined;
        const summary = record.incidentId === null ? undefined : await summaries?.latestFor(record.incidentId);
        const model = buildIncidentPage({ now, settings, componentNames, record, summary });
        return encode(render.incident(model), CONTENT_TYPE.html);
      },
      atom: async (n: number) => {
        const page = await feedPage(n);
        return page && encode(historyAtom(page), CONTENT_TYPE.atom);
      },
      rss: async (n: number) => {
        const page = await feedPage(n);
        return page && encode(historyRss(page), CONTENT_TYPE.rss);
      },
      json: async (k: keyof ApiModel) => encode(JSON.stringify(api[k]()), CONTENT_TYPE.json),
    };
    const rendered = new Map<Representation, Promise<Rendered | undefined>>();
    return (what: Representation): Promise<Rendered | undefined> => {
      let r = rendered.get(what);
      if (!r) {
        const [kind, arg = ''] = what.split(/:(.*)/s) as [string, string?];
        r =
          kind === 'html'
            ? renderers.html()
            : kind === 'incident'
              ? renderers.incident(arg)
              : kind === 'json'
                ? renderers.json(arg as keyof ApiModel)
                : renderers[kind as 'history' | 'atom' | 'rss'](Number(arg));
        rendered.set(what, r);
      }
      return r;
    };
  }

  // The version is read once per turn of the event loop: requests that arrive together (a burst
  // read from many sockets at once) share one query, and the next turn reads it again.
  let version: Promise<string> | undefined;
  const currentVersion = () => {
    if (version === undefined) {
      version = store.version();
      setImmediate(() => (version = undefined));
    }
    return version;
  };
  let cached: { key: string; value: Promise<(what: Representation) => Promise<Rendered | undefined>> } | undefined;
  return {
    async render(what: Representation): Promise<Rendered | undefined> {
      const key = `${await currentVersion()}|${Math.floor(clock.now().getTime() / 60_000)}`;
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
