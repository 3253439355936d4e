import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { manualClock } from '../../src/engine/clock.ts';
import type { Harness } from '../support/harness.ts';
import { startStatusHarness } from '../support/status-harness.ts';
import { launchBrowser } from './support/browser.ts';
import { lowestContrasts } from './support/contrast.ts';

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const WIDTHS = [
  ['desktop', { viewport: { width: 1280, height: 900 } }],
  ['phone', { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true }],
] as const satisfies readonly (readonly [string, BrowserContextOptions])[];

// The status page, an incident's page and the history, at 1280 and 375 px, without JavaScript.
describe('incident pages, the history and day details in Chromium', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  let liveIncident: string;
  const outsideRequests: string[] = [];

  async function open(options: BrowserContextOptions, path: string): Promise<Page> {
    const context = await browser.newContext({ ...options, javaScriptEnabled: false });
    const page = await context.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) outsideRequests.push(req.url());
    });
    const res = await page.goto(`${base}${path}`);
    expect(res?.status()).toBe(200);
    return page;
  }
  const fits = async (page: Page) => {
    const widths = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    for (const w of await lowestContrasts(page)) expect(w.ratio, w.text).toBeGreaterThanOrEqual(4.5);
  };

  beforeAll(async () => {
    ({ h, base } = await startStatusHarness({ clock, history: { incidents: 40, maintenances: 3 } }));
    liveIncident = (await h.tplus.status.open('incident'))[0]?.publicId as string;
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await h?.close();
  });

  it.each(WIDTHS)(
    'shows an incident’s page with impact, components, duration and every update (%s)',
    async (_, options) => {
      const page = await open(options, `/incidents/${liveIncident}`);
      expect(clean(await page.getByTestId('incident-name').textContent())).toBe(
        'Degraded – Stripe API returning errors',
      );
      expect(clean(await page.getByTestId('incident-impact').textContent())).toBe('Critical impact');
      expect(clean(await page.getByTestId('incident-components').textContent())).toBe('Public API, Dashboard');
      expect(clean(await page.getByTestId('incident-duration').textContent())).toBe('30 min so far');
      expect((await page.locator('.update').allTextContents()).map(clean)).toEqual([
        'Identified – Stripe has confirmed the issue; payments are retried automatically. Nov 25, 2026, 09:50 EST',
        'Investigating – We are investigating errors on the Public API. They appear to be caused by an issue at our provider Stripe. Nov 25, 2026, 09:30 EST',
      ]);
      await fits(page);
      await page.context().close();
    },
  );

  it.each(WIDTHS)('pages through the history with its links (%s)', async (_, options) => {
    const page = await open(options, '/history');
    const first = await page.locator('.incident__name').allTextContents();
    expect(first).toHaveLength(25);
    await page.getByRole('link', { name: 'Older incidents' }).click();
    expect(new URL(page.url()).search).toBe('?page=2');
    const second = await page.locator('.incident__name').allTextContents();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((name) => first.includes(name))).toEqual([]);
    await fits(page);
    await page.getByRole('link', { name: 'Newer incidents' }).click();
    expect(await page.locator('.incident__name').allTextContents()).toEqual(first);
    await page.context().close();
  });

  it('opens a day’s details by tap on a phone, naming the incident with its downtime and linking to it', async () => {
    const page = await open(WIDTHS[1][1], '/status');
    // 30 days on a phone, the rest of the 90 hidden.
    expect(await page.locator('[data-component="api"] .bar > li:visible').count()).toBe(30);
    const detail = page.locator('#day-api-2026-11-25');
    expect(await detail.isVisible()).toBe(false);
    await page.locator('[data-component="api"] .bar > li').last().locator('a').tap();
    expect(await detail.isVisible()).toBe(true);
    expect(clean(await detail.textContent())).toBe(
      'Nov 25: 30 min down (major outage 30 min) Degraded – Stripe API returning errors: 30 min down',
    );
    await Promise.all([
      page.waitForURL(`${base}/incidents/${liveIncident}`),
      detail.getByRole('link', { name: 'Degraded – Stripe API returning errors' }).tap(),
    ]);
    expect(clean(await page.getByTestId('incident-impact').textContent())).toBe('Critical impact');
    await page.context().close();
  });

  it('opens a day’s details from the keyboard on a desktop, and shows all 90 days and the legend', async () => {
    const page = await open(WIDTHS[0][1], '/status');
    expect(await page.locator('[data-component="api"] .bar > li:visible').count()).toBe(90);
    expect((await page.getByTestId('legend').locator('li').allTextContents()).map(clean)).toEqual([
      'No downtime',
      'Degraded performance',
      'Partial outage',
      'Major outage',
      'Maintenance',
    ]);
    const day = page.locator('[data-component="dashboard"] .bar > li').last().locator('a');
    await day.focus();
    expect(await page.evaluate('document.activeElement.getAttribute("href")')).toBe('#day-dashboard-2026-11-25');
    await page.keyboard.press('Enter');
    const detail = page.locator('#day-dashboard-2026-11-25');
    expect(await detail.isVisible()).toBe(true);
    expect(clean(await detail.textContent())).toContain('Degraded – Stripe API returning errors: no downtime');
    await fits(page);
    await page.context().close();
  });

  it('fits the status page on a phone and keeps its contrast', async () => {
    const page = await open(WIDTHS[1][1], '/status');
    await fits(page);
    await page.context().close();
  });

  it('loads nothing from outside tplus', () => {
    expect(outsideRequests).toEqual([]);
  });
});
