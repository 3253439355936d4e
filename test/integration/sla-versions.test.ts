import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TplusConfig } from '../../src/config/schema.ts';
import { manualClock } from '../../src/engine/clock.ts';
import { startHarness, type Harness } from '../support/harness.ts';

const DAY = 24 * 60 * 60 * 1000;
// 09:00 in New York (the example page's zone), so the effective dates below are that local day.
const clock = manualClock(new Date('2026-11-25T14:00:00Z'));
const dir = mkdtempSync(join(tmpdir(), 'tplus-sla-'));

const longerClaims = (c: TplusConfig) => {
  c.contract.claimWindowDays = 45;
  return c;
};
const lowerTarget = (c: TplusConfig) => {
  longerClaims(c);
  c.contract.availabilityTarget = 99.5;
  return c;
};

/** Starts tplus on the shared database with a config, runs `check` against it, and stops it. */
async function run<T>(
  configOverride: ((c: TplusConfig) => TplusConfig) | undefined,
  check: (get: (path: string, accept?: string) => Promise<Response>, h: Harness) => Promise<T>,
): Promise<T> {
  const h = await startHarness({ clock, dir, ...(configOverride ? { configOverride } : {}) });
  const base = h.url.replace('/slack/events', '');
  try {
    return await check((path, accept = 'text/html') => fetch(`${base}${path}`, { headers: { accept } }), h);
  } finally {
    await h.close();
  }
}
const json = async (res: Response) =>
  (await res.json()) as Record<string, unknown> & { versions: Record<string, unknown>[] };

describe('SLA versions across restarts on one database', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('publishes version 1 at the first start, effective at once', async () => {
    await run(undefined, async (get) => {
      const sla = await json(await get('/sla.json'));
      expect(sla).toMatchObject({
        version: 1,
        state: 'in-effect',
        effectiveAt: '2026-11-25T14:00:00.000Z',
        isWeakening: false,
        scheduled: null,
      });
      const page = await (await get('/sla')).text();
      expect(page).toContain('Version 1, in effect since <time datetime="2026-11-25T14:00:00.000Z">2026-11-25</time>');
    });
  });

  it('stores no new version when restarted with the same config', async () => {
    clock.advance(DAY);
    await run(undefined, async (get) => {
      expect((await json(await get('/sla/versions.json'))).versions.map((v) => v.version)).toEqual([1]);
    });
  });

  it('publishes a strengthening change as version 2 with its diff, effective at once', async () => {
    clock.advance(DAY);
    await run(longerClaims, async (get) => {
      const { versions } = await json(await get('/sla/versions', 'application/json'));
      expect(versions.map((v) => [v.version, v.state, v.isWeakening])).toEqual([
        [1, 'past', false],
        [2, 'in-effect', false],
      ]);
      expect(versions[1]?.changes).toEqual([
        { path: 'credits.claimWindowDays', before: 30, after: 45, isWeakening: false },
      ]);
      expect(await (await get('/sla')).text()).toContain('within 45 days of the incident');
    });
  });

  it('schedules a weakening change 60 days out; /sla keeps showing version 2 with a notice until then', async () => {
    clock.advance(DAY);
    const publishedAt = clock.now();
    await run(lowerTarget, async (get) => {
      const v3 = (await json(await get('/sla/versions.json'))).versions[2];
      expect(v3).toMatchObject({
        version: 3,
        state: 'scheduled',
        isWeakening: true,
        effectiveAt: new Date(publishedAt.getTime() + 60 * DAY).toISOString(),
      });
      expect((v3?.changes as { path: string }[]).map((c) => c.path)).toContain('availability.targetPercent');

      const page = await (await get('/sla')).text();
      expect(page).toContain('Version 2, in effect since');
      expect(page).toMatch(/Version 3<\/a> takes effect on 2027-01-27\./);
      expect(page).toContain('<strong>99.9\u00a0%</strong> monthly uptime');
      expect(await json(await get('/sla.json'))).toMatchObject({
        version: 2,
        scheduled: { version: 3, effectiveAt: '2027-01-27T14:00:00.000Z', isWeakening: true },
      });

      const scheduled = await (await get('/sla/v/3')).text();
      expect(scheduled).toContain('<strong>99.5\u00a0%</strong> monthly uptime');
      expect(scheduled).toContain('Version 3 is scheduled: it takes effect on 2027-01-27.');

      // The running process switches at the instant, without a restart.
      clock.set(new Date('2027-01-27T13:59:59.999Z'));
      expect((await json(await get('/sla.json'))).version).toBe(2);
      clock.set(new Date('2027-01-27T14:00:00.000Z'));
      expect((await json(await get('/sla.json'))).version).toBe(3);
      expect(await (await get('/sla')).text()).not.toContain('takes effect on');
      clock.set(publishedAt);
    });
  });

  it('serves an old version at /sla/v/<n>, and refuses a bad or unknown number', async () => {
    await run(lowerTarget, async (get) => {
      const v1 = await (await get('/sla/v/1')).text();
      expect(v1).toContain('Version 1 applied from 2026-11-25 and has been superseded.');
      expect(v1).toContain('within 30 days of the incident');
      expect((await json(await get('/sla/v/1.json'))).content).toMatchObject({ credits: { claimWindowDays: 30 } });

      const bad = await get('/sla/v/abc', 'application/json');
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        error: 'bad_request',
        message: 'A version is a whole number from 1, as in /sla/v/1.',
      });
      expect((await get('/sla/v/0')).status).toBe(400);
      const unknown = await get('/sla/v/99', 'application/json');
      expect(unknown.status).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: 'not_found' });
      const unknownPage = await get('/sla/v/99');
      expect([unknownPage.status, unknownPage.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    });
  });

  it('stores one version when two processes start together with a changed config', async () => {
    clock.advance(DAY);
    const components = (c: TplusConfig) => {
      lowerTarget(c);
      c.components.push({ id: 'search', name: 'Search' });
      return c;
    };
    const [a, b] = await Promise.all([
      startHarness({ clock, dir, configOverride: components }),
      startHarness({ clock, dir, configOverride: components }),
    ]);
    try {
      const rows = await a.tplus.db.prisma.slaVersion.findMany({ orderBy: { version: 'asc' } });
      expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4]);
      expect(JSON.parse(rows[3]!.diff)).toEqual([
        { path: 'components[search]', before: null, after: { id: 'search', name: 'Search', group: '' } },
      ]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('escapes config text in every page, so it cannot add markup', async () => {
    const markup = '<img src=x onerror=alert(1)> & "quotes"';
    await run(
      (c) => {
        lowerTarget(c);
        c.contract.exclusions.push(markup);
        return c;
      },
      async (get) => {
        const latest = (await json(await get('/sla/versions.json'))).versions.at(-1);
        for (const page of [
          await (await get(`/sla/v/${String(latest?.version)}`)).text(),
          await (await get('/sla/versions')).text(),
        ]) {
          expect(page).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; &amp; ');
          expect(page).not.toContain('<img');
        }
      },
    );
  });

  it('serves every SLA route through the public rate limit', async () => {
    await run(
      (c) => {
        c.statusPage.rateLimit = { requests: 2, perSeconds: 60 };
        return c;
      },
      async (get) => {
        const first = await get('/sla');
        expect(first.headers.get('ratelimit-limit')).toBe('2');
        await get('/sla/versions');
        const third = await get('/sla.json');
        expect(third.status).toBe(429);
        expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      },
    );
  });
});
