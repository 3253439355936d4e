// npm run screenshots — regenerates docs/screenshots/*.png: the status page (desktop and phone),
// an incident's page, a day's details opened on a phone, and the SLA page, from the seeded
// scenario of the browser tests at a fixed instant, in headless Chromium without JavaScript.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { manualClock } from '../src/engine/clock.ts';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { projectRoot } from '../test/support/harness.ts';
import { startStatusHarness } from '../test/support/status-harness.ts';

const OUT = join(projectRoot, 'docs/screenshots');
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true };

async function main() {
  mkdirSync(OUT, { recursive: true });
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  const { h, base } = await startStatusHarness({ clock, history: { incidents: 30, maintenances: 4 } });
  const { browser, close } = await launchBrowser();
  try {
    const live = (await h.tplus.status.open('incident'))[0]?.publicId as string;
    const shots: [string, BrowserContextOptions, string, boolean][] = [
      ['status-desktop.png', DESKTOP, '/status', true],
      ['status-phone.png', PHONE, '/status', false],
      ['status-day-details-phone.png', PHONE, '/status#day-api-2026-11-25', false],
      ['incident-desktop.png', DESKTOP, `/incidents/${live}`, true],
      ['incident-phone.png', PHONE, `/incidents/${live}`, true],
      ['history-desktop.png', DESKTOP, '/history', false],
      ['sla-desktop.png', DESKTOP, '/sla', true],
      ['sla-phone.png', PHONE, '/sla', false],
    ];
    for (const [file, options, path, isFullPage] of shots) {
      const context = await browser.newContext({ ...options, javaScriptEnabled: false });
      const page = await context.newPage();
      const res = await page.goto(`${base}${path}`);
      if (res?.status() !== 200) throw new Error(`${path} answered ${res?.status()}`);
      await page.screenshot({ path: join(OUT, file), fullPage: isFullPage });
      await context.close();
      console.log(`docs/screenshots/${file}`);
    }
  } finally {
    await close();
    await h.close();
  }
}

await main();
