import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where screenshots and other artifacts of the browser tests go (gitignored, kept by CI). */
export const ARTIFACTS_DIR = join(import.meta.dirname, '../../../test-artifacts');

/**
 * Debian's Chromium, headless. The background-networking flags keep it from reaching for
 * Google's hosts, which this machine's closed network refuses (measured: many refused
 * connections per start without them).
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    // Playwright gives each launch its own temporary profile and removes it on close (it refuses --user-data-dir).
    async close() {
      await browser.close();
    },
  };
}
