import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { config, type Harness } from '../support/harness.ts';
import { startStatusHarness } from '../support/status-harness.ts';
import { childrenNamed, parseXml, type XmlElement } from '../support/xml.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const JSON_PATHS = [
  '/api/v2/summary.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json',
  '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
];
interface Listed {
  id: string;
  name: string;
  created_at: string;
  shortlink: string;
}

describe('20 months of history: the API lists, shortlinks, feeds and pages', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let base: string;
  let incidentCount: number;
  let maintenanceCount: number;
  const get = (path: string) => fetch(`${base}${path}`);
  const json = async <T>(path: string) => (await (await get(path)).json()) as T;

  beforeAll(async () => {
    ({ h, base } = await startStatusHarness({ clock, history: {} }));
    incidentCount = await h.tplus.db.prisma.statusIncident.count({ where: { kind: 'incident' } });
    maintenanceCount = await h.tplus.db.prisma.statusIncident.count({ where: { kind: 'maintenance' } });
  });
  afterAll(async () => h?.close());

  it('lists the 50 most recent incidents, however old, and every maintenance of the last 14 months', async () => {
    expect(incidentCount).toBe(62);
    const { incidents } = await json<{ incidents: Listed[] }>('/api/v2/incidents.json');
    const newest = await h.tplus.db.prisma.statusIncident.findMany({
      where: { kind: 'incident' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: 50,
    });
    expect(incidents.map((i) => i.id)).toEqual(newest.map((i) => i.publicId));
    // The 50th is older than the page's 12 months.
    expect(new Date(incidents[49]?.created_at ?? '').getTime()).toBeLessThan(Date.parse('2025-12-01T05:00:00Z'));
    const { scheduled_maintenances } = await json<{ scheduled_maintenances: Listed[] }>(
      '/api/v2/scheduled-maintenances.json',
    );
    expect(scheduled_maintenances).toHaveLength(maintenanceCount);
    expect(maintenanceCount).toBe(15);
  });

  it('gives every incident and maintenance in every JSON a shortlink that answers 200 with its page', async () => {
    const links = new Set<string>();
    for (const path of JSON_PATHS) {
      const body = await json<{ incidents?: Listed[]; scheduled_maintenances?: Listed[] }>(path);
      for (const i of [...(body.incidents ?? []), ...(body.scheduled_maintenances ?? [])]) {
        expect(i.shortlink.startsWith(`${config.statusPage.publicUrl}/incidents/`)).toBe(true);
        links.add(`${i.shortlink}|${i.name}`);
      }
    }
    expect(links.size).toBeGreaterThan(60);
    for (const link of links) {
      const [url = '', name = ''] = link.split('|');
      const res = await get(new URL(url).pathname);
      expect(res.status, url).toBe(200);
      expect(await res.text()).toContain(name.replace(/&/g, '&amp;'));
    }
    expect((await get('/incidents/doesnotexist0')).status).toBe(404);
  });

  it('keeps a component’s created_at when the 90-day window moves on', async () => {
    const createdAt = async () =>
      (await json<{ components: { id: string; created_at: string }[] }>('/api/v2/components.json')).components.map(
        (c) => [c.id, c.created_at],
      );
    const before = await createdAt();
    clock.advance(40 * 86_400_000);
    try {
      expect(await createdAt()).toEqual(before);
    } finally {
      clock.advance(-40 * 86_400_000);
    }
    // Exports first changed 600 days ago, with the oldest seeded incident.
    expect(Object.fromEntries(before).exports).toBe('2025-04-04T15:00:00.000Z');
  });

  it('serves a valid Atom feed (author, permanent ids, updated) with the whole history behind next links', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/history.atom';
    let pages = 0;
    while (next) {
      const feed = parseXml(await (await get(next)).text());
      pages += 1;
      expect(feed.name).toBe('feed');
      expect(feed.attributes.xmlns).toBe('http://www.w3.org/2005/Atom');
      const one = (e: XmlElement, name: string) => {
        const found = childrenNamed(e, name);
        expect(found, name).toHaveLength(1);
        return found[0] as XmlElement;
      };
      expect(one(one(feed, 'author'), 'name').text).toBe(config.statusPage.title);
      expect(one(feed, 'id').text).toBe(`${config.statusPage.publicUrl}/history`);
      expect(one(feed, 'updated').text).toMatch(RFC3339);
      for (const entry of childrenNamed(feed, 'entry')) {
        expect(one(entry, 'id').text).toMatch(/^tag:status\.example\.com,\d{4}-\d{2}-\d{2}:incident\/[a-z0-9]+$/);
        expect(one(entry, 'updated').text).toMatch(RFC3339);
        expect(one(entry, 'title').text.length).toBeGreaterThan(0);
        expect(one(entry, 'link').attributes.href).toMatch(/\/incidents\/[a-z0-9]+$/);
        seen.push(one(entry, 'id').text);
      }
      const link = childrenNamed(feed, 'link').find((l) => l.attributes.rel === 'next')?.attributes.href;
      next = link ? new URL(link).pathname + new URL(link).search : undefined;
    }
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(incidentCount + maintenanceCount);
    expect(parseXml(await (await get('/history.rss?page=2')).text()).name).toBe('rss');
    expect((await get('/history.atom?page=3')).status).toBe(404);
  });

  it('pages through the whole history on /history, 25 a page, and refuses a bad page number', async () => {
    const names: string[] = [];
    for (let page = 1; page <= 4; page++) {
      const res = await get(page === 1 ? '/history' : `/history?page=${page}`);
      expect(res.status).toBe(200);
      // Handlebars writes = in attributes as &#x3D;; a browser reads it back.
      const html = (await res.text()).replaceAll('&#x3D;', '=');
      names.push(
        ...[...html.matchAll(/<h4 class="incident__name"><a href="\/incidents\/[a-z0-9]+">([^<]+)<\/a>/g)].map(
          (m) => m[1] as string,
        ),
      );
      if (page < 4) expect(html).toContain(`href="/history?page=${page + 1}"`);
    }
    expect(names).toHaveLength(incidentCount + maintenanceCount);
    expect(names).toContain('Slow exports #60');
    expect(names).toContain('Database upgrade 14');
    expect((await get('/history?page=5')).status).toBe(404);
    const bad = await get('/history?page=zero');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ message: expect.stringContaining('page must be a whole number') });
  });

  it('shows this month’s live incident in the history, not "No incidents reported", and completed maintenances', async () => {
    const html = await (await get('/status')).text();
    const november = html.slice(html.indexOf('aria-label="November 2026"'), html.indexOf('aria-label="October 2026"'));
    expect(november).toContain('Degraded – Stripe API returning errors');
    expect(november).not.toContain('No incidents reported');
    expect(html).toContain('Database upgrade 1<');
    expect(html).toContain('href="/sla"');
  });
});
