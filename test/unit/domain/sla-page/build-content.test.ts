import { describe, expect, it } from 'vitest';
import { diffSla, hasWeakeningRule, slaContentHash, type SlaContent } from '../../../../src/domain/sla-page/index.ts';
import { FIRST_RESPONSE_TARGETS } from '../../../../src/domain/sla/index.ts';
import { SEVERITIES, TIERS } from '../../../../src/domain/types.ts';
import { config } from '../../../support/harness.ts';
import { exampleSlaContent, runbooks } from '../../../support/sla-content.ts';

describe('the SLA content generated from config and runbooks', () => {
  const content = exampleSlaContent();

  it('carries the contract as configured', () => {
    expect(content.availability.targetPercent).toBe(config.contract.availabilityTarget);
    expect(content.availability.allowed.perMonthMinutes).toBe(43.2);
    expect(content.availability.exclusions).toEqual(config.contract.exclusions);
    expect(content.credits).toEqual({ tiers: config.contract.credits, capPercent: 100, claimWindowDays: 30 });
    expect(content.termination).toEqual({ s1Count: 3, s1WindowDays: 90, uptimeBelow: 95, rcaLaterThanBusinessDays: 5 });
    expect(content.maintenance.noticeHours).toBe(48);
    expect(content.followUps).toEqual({
      severities: ['S1', 'S2'],
      timelineHours: 4,
      postmortemHours: 48,
      executiveSummaryHours: 48,
      rcaBusinessDays: 5,
      countedFrom: 'incident-start',
    });
    expect(content.businessDay).toBe('hours');
    expect(content.rateLimit).toEqual({ requests: 600, perSeconds: 60 });
    expect(content.changeNotice.weakeningDays).toBe(60);
    expect(content.components.map((c) => c.id)).toEqual(['api', 'dashboard', 'exports']);
  });

  it('has the response target of every tier and severity that the SLA clocks enforce', () => {
    for (const tier of TIERS) {
      for (const severity of SEVERITIES) {
        const row = content.responseTimes.find((r) => r.tier === tier)?.targets.find((t) => t.severity === severity);
        expect(row?.target).toEqual(FIRST_RESPONSE_TARGETS[tier][severity]);
      }
    }
  });

  it('copies the S1 and S2 runbooks step by step, with their offsets and targets', () => {
    const s1 = content.runbooks.find((r) => r.severity === 'S1');
    expect(s1?.steps.map((s) => s.id)).toEqual(runbooks.S1.steps.map((s) => s.id));
    expect(s1?.steps.find((s) => s.id === 'vp-and-success')).toMatchObject({
      offsetMinutes: 120,
      targets: ['vp-engineering', 'success-owner'],
    });
    expect(
      content.runbooks.find((r) => r.severity === 'S2')?.steps.find((s) => s.id === 'manager')?.offsetMinutes,
    ).toBe(480);
  });

  it('gives every severity the example reports configured for it, whole sentences rather than classifier cues', () => {
    for (const { severity, examples } of content.severities) {
      expect(examples, severity).toEqual(config.contract.severityExamples[severity]);
      for (const example of examples) expect(example, severity).toMatch(/^[A-Z].{10,}[.?!]$/);
    }
  });

  it('carries the performance objectives, liability cap and compliance facts as configured', () => {
    expect(content.slos.latency.map((l) => [l.id, l.p95Ms, l.p99Ms])).toEqual([
      ['api-read', 300, 800],
      ['api-write', 600, 1500],
      ['exports', 2000, 5000],
    ]);
    expect(content.slos).toMatchObject({ errorRatePercent: 0.1, excludesUpstreamTime: true });
    expect(content.liabilityCap?.monthsOfFees).toBe(12);
    expect(content.compliance?.subProcessors.map((p) => p.name)).toEqual([
      'Amazon Web Services',
      'Postmark',
      'PagerDuty',
    ]);
    expect(content.compliance).toMatchObject({ subProcessorNoticeDays: 30, dpaUrl: 'https://example.com/legal/dpa' });
    expect(
      exampleSlaContent((c) => {
        delete c.contract.compliance;
        delete c.contract.liabilityCap;
      }),
    ).toMatchObject({ compliance: null, liabilityCap: null });
  });

  it('hashes the same content the same way whatever the key order', () => {
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as unknown as SlaContent;
    expect(slaContentHash(reordered)).toBe(slaContentHash(content));
    expect(
      slaContentHash(
        exampleSlaContent((c) => {
          c.contract.claimWindowDays = 31;
        }),
      ),
    ).not.toBe(slaContentHash(content));
  });

  it('knows the weakening direction of every value on the page', () => {
    // Every value changed except the keys that identify list items, so the diff reaches every leaf.
    const identity = new Set(['id', 'severity', 'tier', 'errorRatePercent']);
    const changed = JSON.parse(
      JSON.stringify(content, (k, v: unknown) =>
        identity.has(k)
          ? v
          : typeof v === 'number'
            ? -1
            : typeof v === 'string'
              ? '?'
              : typeof v === 'boolean'
                ? !v
                : v,
      ),
    ) as SlaContent;
    const paths = diffSla(changed, content).map((c) => c.path);
    expect(paths).toContain('runbooks[S1].steps[manager].offsetMinutes');
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.filter((p) => !hasWeakeningRule(p))).toEqual([]);
  });
});
