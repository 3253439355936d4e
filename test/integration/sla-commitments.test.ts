import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load-config.ts';
import type { TplusConfig } from '../../src/config/schema.ts';
import { manualClock } from '../../src/engine/clock.ts';
import { config, projectRoot, startHarness, type Harness } from '../support/harness.ts';
import { pageText } from '../support/page-text.ts';

const DAY = 86_400_000;

describe('the SLA page’s performance objectives, liability cap and security section, from config', () => {
  const clock = manualClock(new Date('2026-11-25T14:00:00Z'));
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    h = await startHarness({ clock });
    base = new URL(h.webhookUrl).origin;
  });
  afterAll(async () => h?.close());

  it('shows the latency and error-rate objectives, how they are measured, and that upstream time is excluded', async () => {
    const page = pageText(await (await fetch(`${base}/sla`)).text());
    expect(page).toContain('Public API reads (GET) 300 ms 800 ms');
    expect(page).toContain('Starting a data export 2,000 ms 5,000 ms');
    expect(page).toContain('at most 0.1 % of requests fail with a server error');
    expect(page).toContain('Measured at our load balancer for every request, per calendar month.');
    expect(page).toContain('upstream time) is not counted');
  });

  it('shows the liability cap, the uptime history link and the security and compliance section', async () => {
    const html = await (await fetch(`${base}/sla`)).text();
    const page = pageText(html);
    expect(page).toContain('capped at the fees you paid in the 12 months before the event');
    expect(page).toContain('Gross negligence, fraud or wilful misconduct');
    expect(html).toContain('href="/history"');
    expect(page).toContain('SOC 2 Type II: Report available under NDA on request');
    expect(page).toContain('EU customers: AWS eu-central-1 (Frankfurt)');
    expect(page).toContain('At rest: AES-256');
    expect(page).toContain('Single sign-on with hardware-key MFA for every employee');
    expect(html).toContain('href="https://example.com/legal/dpa"');
    expect(page).toContain('We announce a new one 30 days before it starts processing your data.');
    expect(page).toContain('Postmark Transactional email US');
    for (const id of ['performance', 'liability', 'security']) expect(html).toContain(`href="#${id}"`);
  });

  it('gives example reports for each severity as the configured sentences', async () => {
    const page = pageText(await (await fetch(`${base}/sla`)).text());
    for (const examples of Object.values(config.contract.severityExamples))
      for (const example of examples) expect(page).toContain(`“${example}”`);
  });

  it('puts the same values in /sla.json', async () => {
    const sla = (await (await fetch(`${base}/sla.json`)).json()) as { content: Record<string, unknown> };
    expect(sla.content.slos).toMatchObject({
      errorRatePercent: 0.1,
      latency: [{ id: 'api-read', p95Ms: 300 }, {}, {}],
    });
    expect(sla.content.liabilityCap).toMatchObject({ monthsOfFees: 12 });
    expect(sla.content.compliance).toMatchObject({ subProcessorNoticeDays: 30, subProcessors: [{}, {}, {}] });
  });
});

describe('a new sub-processor in the config', () => {
  it('is a weakening change: a new SLA version that takes effect after the notice period', async () => {
    const clock = manualClock(new Date('2026-11-25T14:00:00Z'));
    const dir = mkdtempSync(join(tmpdir(), 'tplus-sla-commitments-'));
    await (await startHarness({ clock, dir })).close();
    clock.advance(DAY);
    const withSentry = (c: TplusConfig) => {
      c.contract.compliance?.subProcessors.push({ name: 'Sentry', purpose: 'Error tracking', location: 'US' });
      return c;
    };
    const second = await startHarness({ clock, dir, configOverride: withSentry });
    try {
      const base = new URL(second.webhookUrl).origin;
      const sla = (await (await fetch(`${base}/sla.json`)).json()) as Record<string, unknown>;
      expect(sla).toMatchObject({ version: 1, scheduled: { version: 2, isWeakening: true } });
      const versions = (await (await fetch(`${base}/sla/versions.json`)).json()) as {
        versions: { version: number; changes: { path: string; isWeakening: boolean }[] }[];
      };
      expect(versions.versions[1]?.changes).toEqual([
        expect.objectContaining({ path: 'compliance.subProcessors', isWeakening: true }),
      ]);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SLA config validation', () => {
  const example = readFileSync(join(projectRoot, 'tplus.config.example.yaml'), 'utf8');
  const problems = (text: string) => {
    try {
      parseConfigText(text, 'test');
      return '';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it('refuses a p99 below its p95, a DPA link that is not http(s) and an empty example, naming each key', () => {
    expect(problems(example)).toBe('');
    const bad = example
      .replace('p95Ms: 300, p99Ms: 800', 'p95Ms: 300, p99Ms: 200')
      .replace('dpaUrl: https://example.com/legal/dpa', 'dpaUrl: javascript:alert(1)')
      .replace("'How do I rotate an API key?'", "''");
    expect(bad).not.toBe(example);
    const message = problems(bad);
    expect(message).toContain('contract.slos.latency.0.p99Ms: p99 must be at least p95');
    expect(message).toContain('contract.compliance.dpaUrl: must be an http(s) address');
    expect(message).toContain('contract.severityExamples.S4.0: must be a sentence');
  });
});
