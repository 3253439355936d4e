import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { manualClock } from '../../src/engine/clock.ts';
import type { Harness } from '../support/harness.ts';
import { startStatusHarness } from '../support/status-harness.ts';
import { INTERNAL } from '../support/status-seed.ts';
import { ARTIFACTS_DIR, launchBrowser } from './support/browser.ts';

const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

// 10:00 in New York (the example config's page zone); the S1 started 30 minutes ago.
describe('the status page in Chromium', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const outsideRequests: string[] = [];

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, javaScriptEnabled: false });
    const page = await context.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) outsideRequests.push(req.url());
    });
    const res = await page.goto(`${base}/status`);
    expect(res?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    ({ h, base } = await startStatusHarness({ clock }));
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await h?.close();
  });

  it('shows the overall state and each component’s state, without JavaScript', async () => {
    const page = await open({ width: 1280, height: 900 });
    expect(clean(await page.getByTestId('overall').textContent())).toBe('Major System Outage');
    const states = await page
      .locator('article.component')
      .evaluateAll((articles) =>
        articles.map((a) => [a.querySelector('.component__name')?.textContent, a.querySelector('.state')?.textContent]),
      );
    expect(states).toEqual([
      ['Public API', 'Major outage'],
      ['Dashboard', 'Degraded performance'],
      ['Data exports', 'Operational'],
    ]);
    expect(await page.locator('.group__name').allTextContents()).toEqual(['Platform', 'Data']);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'status-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('draws 90 daily cells per component, coloured by the day’s worst state, with the downtime in the tooltip', async () => {
    const page = await open({ width: 1280, height: 900 });
    for (const id of ['api', 'dashboard', 'exports'])
      expect(await page.locator(`[data-component="${id}"] .bar > li`).count()).toBe(90);
    const today = page.locator('[data-component="api"] .bar > li').last();
    expect(await today.getAttribute('class')).toBe('day day--major');
    expect(await today.getAttribute('title')).toBe('Nov 25: 30 min down (major outage 30 min)');
    expect(clean(await today.textContent())).toBe('Nov 25: 30 min down (major outage 30 min)');
    // Drawn in red, as a reader sees it.
    expect(
      await page.evaluate(
        "getComputedStyle(document.querySelector('[data-component=api] .bar > li:last-child')).backgroundColor",
      ),
    ).toBe('rgb(207, 34, 46)');
    const lastMonth = page.locator('[data-component="exports"] .bar > li[title^="Oct 14:"]');
    expect(await lastMonth.getAttribute('title')).toBe('Oct 14: 27 min down (partial outage 1 h 30 min at 30 %)');
    expect(await lastMonth.getAttribute('class')).toBe('day day--partial');
    expect(await page.locator('[data-component="exports"] .bar > li').first().getAttribute('title')).toBe(
      'Aug 28: No downtime',
    );
    expect(clean(await page.locator('[data-component="exports"] .component__foot').textContent())).toContain(
      '99.97 % uptime',
    );
    await page.context().close();
  });

  it('lists the active incident with its updates newest first, the maintenance with its announcement, and last month’s incident', async () => {
    const page = await open({ width: 1280, height: 900 });
    const active = page.locator('section[aria-labelledby="active-heading"] article.incident');
    expect(await active.count()).toBe(1);
    expect(clean(await active.locator('.incident__name').textContent())).toBe('Degraded – Stripe API returning errors');
    expect((await active.locator('.update').allTextContents()).map(clean)).toEqual([
      'Identified – Stripe has confirmed the issue; payments are retried automatically. Nov 25, 2026, 09:50 EST',
      'Investigating – We are investigating errors on the Public API. They appear to be caused by an issue at our provider Stripe. Nov 25, 2026, 09:30 EST',
    ]);
    const maintenance = page.locator('section[aria-labelledby="maintenance-heading"] article.incident');
    expect(clean(await maintenance.locator('.incident__name').textContent())).toBe('Database upgrade');
    expect(clean(await maintenance.locator('.incident__window').textContent())).toBe(
      'Scheduled for Dec 2, 2026, 10:00 EST until Dec 2, 2026, 12:00 EST, announced Nov 24, 2026, 10:00 EST.',
    );
    expect(await maintenance.locator('.incident__window time').last().getAttribute('datetime')).toBe(
      '2026-11-24T15:00:00.000Z',
    );
    const october = page.locator('section.month[aria-label="October 2026"]');
    expect((await october.locator('.incident__name').allTextContents()).map(clean)).toEqual(['Slow data exports']);
    // The live incident is November's history too, never "No incidents reported" under it.
    const november = clean(await page.locator('section.month[aria-label="November 2026"]').textContent());
    expect(november).toContain('Degraded – Stripe API returning errors');
    expect(november).not.toContain('No incidents reported.');
    expect(clean(await page.locator('section.month[aria-label="September 2026"]').textContent())).toContain(
      'No incidents reported.',
    );
    expect(await page.locator('section.month').count()).toBe(12);
    const html = await page.content();
    for (const secret of Object.values(INTERNAL)) expect(html).not.toContain(secret);
    await page.context().close();
  });

  it('fits a phone screen (375 px) without horizontal scrolling, bars included', async () => {
    const page = await open({ width: 375, height: 812 });
    const widths = (await page.evaluate(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
    )) as { scroll: number; client: number };
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    const bar = await page.locator('[data-component="api"] .bar').boundingBox();
    expect(bar?.width).toBeLessThanOrEqual(375);
    expect(await page.locator('[data-component="api"] .bar > li').last().isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'status-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('keeps every piece of text at WCAG AA contrast against what is behind it', async () => {
    const page = await open({ width: 1280, height: 900 });
    // Runs in the page: each element's own text colour against the first opaque background up its tree.
    const worst = (await page.evaluate(`(() => {
      const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
      const lum = ([r, g, b]) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
      const bg = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor); if (c.length < 4 || c[3] > 0) return c; } return [255, 255, 255]; };
      const found = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest('.visually-hidden')) continue;
        const a = lum(rgb(getComputedStyle(el).color)), b = lum(bg(el));
        const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        found.push({ text: el.textContent.trim().slice(0, 30), ratio: Math.round(ratio * 100) / 100 });
      }
      return found.sort((x, y) => x.ratio - y.ratio).slice(0, 3);
    })()`)) as { text: string; ratio: number }[];
    expect(worst.length).toBe(3);
    for (const w of worst) expect(w.ratio, w.text).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });

  it('loads nothing from outside tplus', () => {
    expect(outsideRequests).toEqual([]);
  });
});
