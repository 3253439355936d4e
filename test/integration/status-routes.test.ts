import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { projectRoot, startHarness, type Harness } from '../support/harness.ts';
import { startStatusHarness } from '../support/status-harness.ts';
import { INTERNAL } from '../support/status-seed.ts';

const schema = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/statuspage-v2/schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addSchema(schema);
const validate = (name: string, body: unknown) => {
  const check = ajv.getSchema(`https://tplus.example/statuspage-v2.schema.json#/definitions/${name}`);
  if (!check) throw new Error(`no schema ${name}`);
  return check(body) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
};

const ENDPOINTS: [string, string][] = [
  ['/api/v2/summary.json', 'summary'],
  ['/api/v2/status.json', 'statusResponse'],
  ['/api/v2/components.json', 'componentsResponse'],
  ['/api/v2/incidents.json', 'incidentsResponse'],
  ['/api/v2/incidents/unresolved.json', 'incidentsResponse'],
  ['/api/v2/scheduled-maintenances.json', 'maintenancesResponse'],
  ['/api/v2/scheduled-maintenances/upcoming.json', 'maintenancesResponse'],
  ['/api/v2/scheduled-maintenances/active.json', 'maintenancesResponse'],
];
/** A raw GET (fetch always asks for gzip and unpacks it), to see exactly what is sent. */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

const PUBLIC = ['/status', '/history.atom', '/history.rss', ...ENDPOINTS.map(([p]) => p)];

describe('the public status endpoints', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let base: string;
  let incidentId: number;
  beforeAll(async () => {
    ({ h, base, incidentId } = await startStatusHarness({ clock }));
  });
  afterAll(async () => h.close());

  it.each(ENDPOINTS)('serves %s in the shape of Statuspage’s public API', async (path, schemaName) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(validate(schemaName, await res.json())).toEqual([]);
  });

  it('rejects a response that strays from the documented shape (the schema can fail)', () => {
    expect(
      validate('statusResponse', {
        page: { id: 'abc', name: 'x', url: 'http://x', time_zone: 'UTC', updated_at: 'yesterday' },
        status: { indicator: 'fine', description: 'ok' },
      }),
    ).toHaveLength(3);
  });

  it('summarises the open S1, the components and the upcoming maintenance', async () => {
    const summary = (await (await fetch(`${base}/api/v2/summary.json`)).json()) as {
      status: { indicator: string; description: string };
      components: { id: string; status: string; group: boolean; components?: string[] }[];
      incidents: {
        name: string;
        status: string;
        incident_updates: { status: string; affected_components: unknown }[];
      }[];
      scheduled_maintenances: { name: string; scheduled_for: string }[];
    };
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    expect(Object.fromEntries(summary.components.map((c) => [c.id, c.status]))).toMatchObject({
      api: 'major_outage',
      dashboard: 'degraded_performance',
      exports: 'operational',
    });
    expect(summary.components.find((c) => c.group && c.components?.includes('api'))?.status).toBe('major_outage');
    expect(summary.incidents.map((i) => [i.name, i.status, i.incident_updates.map((u) => u.status)])).toEqual([
      ['Degraded – Stripe API returning errors', 'identified', ['identified', 'investigating']],
    ]);
    expect(summary.incidents[0]?.incident_updates[1]?.affected_components).toEqual([
      { code: 'api', name: 'Public API', old_status: 'operational', new_status: 'major_outage' },
    ]);
    expect(summary.scheduled_maintenances.map((m) => [m.name, m.scheduled_for])).toEqual([
      ['Database upgrade', '2026-12-02T15:00:00.000Z'],
    ]);
  });

  it('never shows an internal field: title, actor, Slack channel, internal id', async () => {
    for (const path of PUBLIC) {
      const body = await (await fetch(`${base}${path}`)).text();
      for (const secret of [
        INTERNAL.title,
        INTERNAL.actor,
        INTERNAL.channel,
        `INC-${incidentId}`,
        '"incidentId"',
        '"actor"',
        'incident_id":1',
      ]) {
        expect(body, `${path} contains ${secret}`).not.toContain(secret);
      }
    }
  });

  it('lets caches keep a page for 30 s and answers a matching If-None-Match with 304', async () => {
    const first = await fetch(`${base}/api/v2/summary.json`);
    const etag = first.headers.get('etag');
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await fetch(`${base}/api/v2/summary.json`, { headers: { 'if-none-match': etag as string } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetch(`${base}/api/v2/summary.json`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('sends the page gzipped to clients that accept it and plain to others, each with its own ETag', async () => {
    const plain = await rawGet(`${base}/status`, {});
    const zipped = await rawGet(`${base}/status`, { 'accept-encoding': 'br, gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    expect(zipped.body.length * 5).toBeLessThan(plain.body.length);
    expect(zipped.headers.etag).not.toBe(plain.headers.etag);
    expect((await rawGet(`${base}/status`, { 'if-none-match': plain.headers.etag as string })).status).toBe(304);
    expect(
      (await rawGet(`${base}/status`, { 'if-none-match': plain.headers.etag as string, 'accept-encoding': 'gzip' }))
        .status,
    ).toBe(200);
  });

  it('answers HEAD like GET without a body, for uptime monitors', async () => {
    const head = await fetch(`${base}/status`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(head.headers.get('etag')).toBe((await fetch(`${base}/status`)).headers.get('etag'));
    expect(await head.text()).toBe('');
  });

  it('shows a new status update at once, though the old page was cached', async () => {
    const before = await fetch(`${base}/api/v2/incidents/unresolved.json`);
    const etag = before.headers.get('etag') as string;
    const [open] = await h.tplus.status.open('incident');
    await h.tplus.status.publish({
      target: { statusIncidentId: open?.id as number },
      status: 'monitoring',
      body: 'Stripe has recovered; we are watching error rates.',
      components: [{ componentId: 'api', state: 'operational' }],
      actor: INTERNAL.actor,
      at: clock.now(),
    });
    const after = await fetch(`${base}/api/v2/incidents/unresolved.json`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('Stripe has recovered');
  });

  it('renders the bars again when the minute turns, even with no new data, while unchanged JSON keeps its ETag', async () => {
    const etag = (await fetch(`${base}/status`)).headers.get('etag') as string;
    const jsonEtag = (await fetch(`${base}/api/v2/status.json`)).headers.get('etag') as string;
    clock.advance(59_000 - (clock.now().getTime() % 60_000));
    expect((await fetch(`${base}/status`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    clock.advance(1_000);
    expect((await fetch(`${base}/status`, { headers: { 'if-none-match': etag } })).status).toBe(200);
    expect((await fetch(`${base}/api/v2/status.json`, { headers: { 'if-none-match': jsonEtag } })).status).toBe(304);
  });

  it('serves the history as Atom and RSS, one entry per incident with every update, text escaped', async () => {
    const [open] = await h.tplus.status.open('incident');
    await h.tplus.status.publish({
      target: { statusIncidentId: open?.id as number },
      status: 'monitoring',
      body: 'Watching <script>alert(1)</script> & co ]]> end',
      components: [],
      actor: INTERNAL.actor,
      at: clock.now(),
    });
    const atom = await fetch(`${base}/history.atom`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await atom.text();
    expect(xml.match(/<entry>/g)).toHaveLength(await h.tplus.db.prisma.statusIncident.count());
    // Escaped twice: once as HTML (shown literally), once as XML.
    expect(xml).toContain('Watching &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; co ]]&amp;gt; end');
    expect(xml).not.toContain('<script>');
    const rss = await (await fetch(`${base}/history.rss`)).text();
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain('Exports are back to normal speed.');
  });

  it('escapes public text in the HTML page', async () => {
    const html = await (await fetch(`${base}/status`)).text();
    expect(html).toContain('Watching &lt;script&gt;alert(1)&lt;/script&gt; &amp; co ]]&gt; end');
    expect(html).not.toContain('<script>');
  });
});

describe('the public endpoints under a tight rate limit', () => {
  let h: Harness;
  afterAll(async () => h.close());

  it('answers 429 with the RateLimit headers, Retry-After and a JSON error, then serves again after the reset', async () => {
    h = await startHarness({
      configOverride: (c) => ({ ...c, statusPage: { ...c.statusPage, rateLimit: { requests: 3, perSeconds: 1 } } }),
    });
    const url = `${new URL(h.webhookUrl).origin}/api/v2/status.json`;
    // Line up with the start of a window so the three requests share it.
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-limit')).toBe('3');
    expect(first.headers.get('ratelimit-remaining')).toBe('2');
    await fetch(url);
    await fetch(url);
    const refused = await fetch(url);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    const reset = Number(refused.headers.get('ratelimit-reset'));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('retry-after')).toBe(String(reset));
    expect(await refused.json()).toMatchObject({ error: 'rate_limited' });
    // The IETF draft's fields too, and CORS, so a widget on a customer's site can read the refusal.
    expect(refused.headers.get('ratelimit-policy')).toBe('"default";q=3;w=1');
    expect(refused.headers.get('ratelimit')).toBe(`"default";r=0;t=${reset}`);
    expect(refused.headers.get('access-control-allow-origin')).toBe('*');
    expect(refused.headers.get('access-control-expose-headers')).toContain('RateLimit-Policy');
    await new Promise((resolve) => setTimeout(resolve, reset * 1000 + 50));
    const later = await fetch(url);
    expect(later.status).toBe(200);
    expect(later.headers.get('ratelimit-remaining')).toBe('2');
  });
});

describe('the rate limit behind a load balancer (statusPage.trustProxy)', () => {
  let h: Harness;
  afterAll(async () => h.close());

  it('keys on the client the trusted proxy forwards for, so visitors do not share one budget', async () => {
    h = await startHarness({
      configOverride: (c) => ({
        ...c,
        statusPage: { ...c.statusPage, rateLimit: { requests: 2, perSeconds: 60 }, trustProxy: ['127.0.0.0/8', '::1'] },
      }),
    });
    const url = `${new URL(h.webhookUrl).origin}/api/v2/status.json`;
    const as = (client: string, forged = '') =>
      fetch(url, { headers: { 'x-forwarded-for': `${forged}${client}` } }).then((r) => r.status);
    expect([await as('203.0.113.7'), await as('203.0.113.7'), await as('203.0.113.7')]).toEqual([200, 200, 429]);
    // Another visitor behind the same balancer has a budget of its own.
    expect(await as('198.51.100.20')).toBe(200);
    // A client cannot escape by forging the header's left end: the address the proxy saw is the one counted.
    expect(await as('203.0.113.7', '192.0.2.1, ')).toBe(429);
  });
});

describe('the public endpoints in Socket Mode', () => {
  let h: Harness;
  afterAll(async () => h.close());

  it('serves the status page on PORT though Slack talks over the socket', async () => {
    h = await startHarness({ socketMode: true });
    const res = await fetch(`${new URL(h.webhookUrl).origin}/status`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('All Systems Operational');
  });
});
