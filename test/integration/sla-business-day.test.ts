import { afterEach, describe, expect, it } from 'vitest';
import type { TplusConfig } from '../../src/config/schema.ts';
import { manualClock } from '../../src/engine/clock.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { pageText as clean } from '../support/page-text.ts';

describe('/sla states what a business day is and what follow-up deadlines count from', () => {
  let h: Harness | undefined;
  afterEach(async () => h?.close());

  const pageWith = async (configOverride?: (config: TplusConfig) => TplusConfig) => {
    h = await startHarness({
      clock: manualClock(new Date('2026-11-25T14:00:00Z')),
      ...(configOverride ? { configOverride } : {}),
    });
    const html = await (await fetch(`${new URL(h.webhookUrl).origin}/sla`)).text();
    return { html, page: clean(html) };
  };

  it('shows the defaults: business hours, counted from the start of the incident', async () => {
    const { html, page } = await pageWith();
    // Next to the response table.
    expect(html).toMatch(
      /id="response-times-data"[\s\S]*?<\/table><\/div>\s*<p id="business-day">A target in business days/,
    );
    expect(page).toContain("that many working days' worth of business hours in your contract's calendar");
    expect(page).toContain('every customer it affected receives, counted from the start of the incident:');
    expect(page).toContain('later than 5 business days after the start of the incident.');
  });

  it('shows next-day-same-time and deadlines counted from the resolution when configured', async () => {
    const { page } = await pageWith((c) => ({
      ...c,
      contract: { ...c.contract, businessDay: 'next-day-same-time' },
      documents: { ...c.documents, deadlinesFrom: 'resolution' },
    }));
    expect(page).toContain('is due at the same time of day that many business days later');
    expect(page).toContain('counted from the resolution:');
    expect(page).toContain('later than 5 business days after the resolution.');
    expect(page).not.toContain("working days' worth");
  });
});
