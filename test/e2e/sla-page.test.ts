import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeTarget, FIRST_RESPONSE_TARGETS } from '../../src/domain/sla/index.ts';
import { SEVERITIES, TIERS } from '../../src/domain/types.ts';
import { config, startHarness, type Harness } from '../support/harness.ts';
import { ARTIFACTS_DIR, launchBrowser } from './support/browser.ts';
import { lowestContrasts } from './support/contrast.ts';

const TIER_NAMES = { standard: 'Standard', 'enterprise-premium': 'Enterprise Premium' } as const;
// Cells use a no-break space before '%'; compare text as a reader sees it.
const clean = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('the SLA page in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let closeBrowser: () => Promise<void>;
  let base: string;
  const outsideRequests: string[] = [];

  async function open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(base)) outsideRequests.push(req.url());
    });
    const res = await page.goto(`${base}/sla`);
    expect(res?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    h = await startHarness();
    base = h.url.replace('/slack/events', '');
    ({ browser, close: closeBrowser } = await launchBrowser());
  });
  afterAll(async () => {
    await closeBrowser?.();
    await h?.close();
  });

  it('shows the response time of every tier and severity as the SLA clocks enforce it', async () => {
    const page = await open({ width: 1280, height: 900 });
    const header = await page.locator('#response-times-data thead th').allTextContents();
    expect(header).toEqual(['Tier', ...SEVERITIES]);
    const rows = await page
      .locator('#response-times-data tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent)));
    expect(rows).toEqual(
      TIERS.map((tier) => [
        TIER_NAMES[tier],
        ...SEVERITIES.map((s) => describeTarget(FIRST_RESPONSE_TARGETS[tier][s])),
      ]),
    );
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'sla-desktop.png'), fullPage: true });
    await page.context().close();
  });

  it('computes the uptime table: 99.9 % allows 43.2 min a month, highlighted as our target', async () => {
    const page = await open({ width: 1280, height: 900 });
    const row = page.locator('#uptime-table-data tbody tr', { has: page.locator('th', { hasText: /^99\.9\s%$/ }) });
    expect((await row.locator('th, td').allTextContents()).map(clean)).toEqual([
      '99.9 %',
      '43.2 min',
      '10.1 min',
      '8.8 h',
    ]);
    expect(await row.getAttribute('class')).toBe('is-target');
    const first = page.locator('#uptime-table-data tbody tr').first();
    expect((await first.locator('th, td').allTextContents()).map(clean)).toEqual(['99 %', '7.2 h', '1.7 h', '87.6 h']);
    const last = page.locator('#uptime-table-data tbody tr').last();
    expect(clean(await last.locator('td').first().textContent())).toBe('4.3 min');
    await page.context().close();
  });

  it('lists the credit tiers from the config', async () => {
    const page = await open({ width: 1280, height: 900 });
    const rows = await page
      .locator('#credits-data tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\s+/g, ' '))),
      );
    expect(rows.map((r) => r[1])).toEqual(config.contract.credits.map((t) => `${t.percent} %`));
    expect(rows.map((r) => r[2])).toEqual(config.contract.credits.map((t) => (t.terminationRight ? 'Yes' : 'No')));
    expect(rows[1]?.[0]).toBe('99 % to below 99.9 %');
    await page.context().close();
  });

  it('jumps to each section from the contents and from its heading link', async () => {
    const page = await open({ width: 1280, height: 900 });
    const targets = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(targets).toContain('#credits');
    for (const href of targets) expect(await page.locator(`h2${href}`).count(), String(href)).toBe(1);

    await page.locator('nav.toc a[href="#credits"]').click();
    await page.waitForFunction("window.location.hash === '#credits'");
    const top = await page.locator('h2#credits').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(40);

    await page.locator('h2#severities a.anchor').click();
    await page.waitForFunction("window.location.hash === '#severities'");
    expect(await page.locator('h2#severities').evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(40);
    await page.context().close();
  });

  it('reads on a 375 px phone without sideways scrolling of the page', async () => {
    const page = await open({ width: 375, height: 812 });
    // A string: the tests are type-checked without the DOM library.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'sla-phone.png'), fullPage: true });
    await page.context().close();
  });

  it('keeps every piece of text at WCAG AA contrast (4.5:1) against what is behind it', async () => {
    const page = await open({ width: 1280, height: 900 });
    const worst = await lowestContrasts(page);
    expect(worst).toHaveLength(3);
    for (const w of worst) expect(w.ratio, w.text).toBeGreaterThanOrEqual(4.5);
    await page.context().close();
  });

  it('loads nothing from anywhere else', () => {
    expect(outsideRequests).toEqual([]);
  });
});
