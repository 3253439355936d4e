import { describe, expect, it } from 'vitest';
import type { TplusConfig } from '../../../../src/config/schema.ts';
import { diffSla, isWeakening, isWeakeningChange, type SlaContent } from '../../../../src/domain/sla-page/index.ts';
import { exampleSlaContent } from '../../../support/sla-content.ts';

const base = exampleSlaContent();
const tiers = (...t: [number, number, boolean?][]) =>
  t.map(([minUptime, percent, terminationRight = false]) => ({ minUptime, percent, terminationRight }));
const step = (c: SlaContent, severity: 'S1' | 'S2', id: string) => {
  const found = c.runbooks.find((r) => r.severity === severity)?.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
};

/** [what changes, config change or content change, expected changed paths, weakens?] */
const CASES: [string, (c: TplusConfig) => void, ((c: SlaContent) => void) | undefined, string[], boolean][] = [
  [
    'a lower availability target',
    (c) => {
      c.contract.availabilityTarget = 99.5;
    },
    undefined,
    [
      'availability.allowed.perMonthMinutes',
      'availability.allowed.perWeekMinutes',
      'availability.allowed.perYearMinutes',
      'availability.targetPercent',
    ],
    true,
  ],
  [
    'a higher availability target',
    (c) => {
      c.contract.availabilityTarget = 99.95;
    },
    undefined,
    [
      'availability.allowed.perMonthMinutes',
      'availability.allowed.perWeekMinutes',
      'availability.allowed.perYearMinutes',
      'availability.targetPercent',
    ],
    false,
  ],
  [
    'a reworded downtime definition',
    (c) => {
      c.contract.downtimeDefinition = '10 % of requests fail';
    },
    undefined,
    ['availability.downtimeDefinition'],
    true,
  ],
  [
    'a new exclusion',
    (c) => {
      c.contract.exclusions.push('Beta features');
    },
    undefined,
    ['availability.exclusions'],
    true,
  ],
  [
    'a dropped exclusion',
    (c) => {
      c.contract.exclusions.pop();
    },
    undefined,
    ['availability.exclusions'],
    false,
  ],
  [
    'a partial outage counting less',
    (c) => {
      c.statusPage.partialOutageWeight = 0.2;
    },
    undefined,
    ['availability.partialOutageWeightPercent'],
    true,
  ],
  [
    'an S2 incident starting to count as downtime',
    (c) => {
      c.contract.downtimeWeights.S2 = 0.5;
    },
    undefined,
    ['availability.downtimeWeights[S2]'],
    false,
  ],
  [
    'an S1 no longer counting in full',
    (c) => {
      c.contract.downtimeWeights.S1 = 0.5;
    },
    undefined,
    ['availability.downtimeWeights[S1].percent'],
    true,
  ],
  [
    'a smaller credit in one tier',
    (c) => {
      c.contract.credits = tiers([99.9, 0], [99, 5], [95, 25], [0, 50, true]);
    },
    undefined,
    ['credits.tiers'],
    true,
  ],
  [
    'a bigger credit in one tier',
    (c) => {
      c.contract.credits = tiers([99.9, 0], [99, 15], [95, 25], [0, 50, true]);
    },
    undefined,
    ['credits.tiers'],
    false,
  ],
  [
    'a tier that needs lower uptime to pay',
    (c) => {
      c.contract.credits = tiers([99.5, 0], [99, 10], [95, 25], [0, 50, true]);
    },
    undefined,
    ['credits.tiers'],
    true,
  ],
  [
    'a tier that pays from a higher uptime',
    (c) => {
      c.contract.credits = tiers([99.95, 0], [99, 10], [95, 25], [0, 50, true]);
    },
    undefined,
    ['credits.tiers'],
    false,
  ],
  [
    'a lost termination right',
    (c) => {
      c.contract.credits = tiers([99.9, 0], [99, 10], [95, 25], [0, 50]);
    },
    undefined,
    ['credits.tiers'],
    true,
  ],
  [
    'a lower credit cap',
    (c) => {
      c.contract.creditCapPercent = 50;
    },
    undefined,
    ['credits.capPercent'],
    true,
  ],
  [
    'a shorter claim window',
    (c) => {
      c.contract.claimWindowDays = 14;
    },
    undefined,
    ['credits.claimWindowDays'],
    true,
  ],
  [
    'a longer claim window',
    (c) => {
      c.contract.claimWindowDays = 45;
    },
    undefined,
    ['credits.claimWindowDays'],
    false,
  ],
  [
    'more S1s needed to terminate',
    (c) => {
      c.contract.termination.s1Count = 4;
    },
    undefined,
    ['termination.s1Count'],
    true,
  ],
  [
    'a shorter S1 window to terminate',
    (c) => {
      c.contract.termination.s1WindowDays = 60;
    },
    undefined,
    ['termination.s1WindowDays'],
    true,
  ],
  [
    'a lower uptime needed to terminate',
    (c) => {
      c.contract.termination.uptimeBelow = 90;
    },
    undefined,
    ['termination.uptimeBelow'],
    true,
  ],
  [
    'a higher uptime floor for termination',
    (c) => {
      c.contract.termination.uptimeBelow = 97;
    },
    undefined,
    ['termination.uptimeBelow'],
    false,
  ],
  [
    'a later RCA',
    (c) => {
      c.contract.followUps.rcaBusinessDays = 10;
    },
    undefined,
    ['followUps.rcaBusinessDays', 'termination.rcaLaterThanBusinessDays'],
    true,
  ],
  [
    'no follow-up documents after S2 incidents',
    (c) => {
      c.documents.followUpSeverities = ['S1'];
    },
    undefined,
    ['followUps.severities'],
    true,
  ],
  [
    'follow-up documents after S3 incidents too',
    (c) => {
      c.documents.followUpSeverities = ['S3', 'S1', 'S2'];
    },
    undefined,
    ['followUps.severities'],
    false,
  ],
  [
    'an earlier post-mortem',
    (c) => {
      c.contract.followUps.postmortemHours = 24;
    },
    undefined,
    ['followUps.postmortemHours'],
    false,
  ],
  [
    'a shorter maintenance notice',
    (c) => {
      c.statusPage.maintenanceNoticeHours = 24;
    },
    undefined,
    ['maintenance.noticeHours'],
    true,
  ],
  [
    'a shorter change notice',
    (c) => {
      c.contract.weakeningNoticeDays = 30;
    },
    undefined,
    ['changeNotice.weakeningDays'],
    true,
  ],
  [
    'a lower rate limit',
    (c) => {
      c.statusPage.rateLimit.requests = 300;
    },
    undefined,
    ['rateLimit'],
    true,
  ],
  [
    'the same rate over a longer window',
    (c) => {
      c.statusPage.rateLimit = { requests: 1200, perSeconds: 120 };
    },
    undefined,
    ['rateLimit'],
    false,
  ],
  [
    'a slower rate',
    (c) => {
      c.statusPage.rateLimit = { requests: 600, perSeconds: 120 };
    },
    undefined,
    ['rateLimit'],
    true,
  ],
  [
    'a removed component',
    (c) => {
      c.components.pop();
    },
    undefined,
    ['components[exports]'],
    true,
  ],
  [
    'an added component',
    (c) => {
      c.components.push({ id: 'search', name: 'Search' });
    },
    undefined,
    ['components[search]'],
    false,
  ],
  [
    'a renamed component',
    (c) => {
      c.components[0] = { id: 'api', name: 'REST API', group: 'Platform' };
    },
    undefined,
    ['components[api].name'],
    false,
  ],
  [
    'a later escalation step',
    () => {},
    (c) => {
      step(c, 'S1', 'manager').offsetMinutes = 90;
    },
    ['runbooks[S1].steps[manager].offsetMinutes'],
    true,
  ],
  [
    'an earlier escalation step',
    () => {},
    (c) => {
      step(c, 'S1', 'manager').offsetMinutes = 45;
    },
    ['runbooks[S1].steps[manager].offsetMinutes'],
    false,
  ],
  [
    'a removed escalation step',
    () => {},
    (c) => {
      c.runbooks[1]?.steps.splice(2, 1);
    },
    ['runbooks[S2].steps[senior-engineer]'],
    true,
  ],
  [
    'an escalation that no longer reaches the VP',
    () => {},
    (c) => {
      step(c, 'S1', 'vp-and-success').targets = ['success-owner'];
    },
    ['runbooks[S1].steps[vp-and-success].targets'],
    true,
  ],
  [
    'an escalation that also reaches the VP',
    () => {},
    (c) => {
      step(c, 'S2', 'manager').targets.push('vp-engineering');
    },
    ['runbooks[S2].steps[manager].targets'],
    false,
  ],
  [
    'a step counted in business time',
    () => {},
    (c) => {
      step(c, 'S2', 'manager').isBusinessTime = true;
    },
    ['runbooks[S2].steps[manager].isBusinessTime'],
    true,
  ],
  [
    'a retitled step',
    () => {},
    (c) => {
      step(c, 'S1', 'page').title = 'Page the on-call engineer';
    },
    ['runbooks[S1].steps[page].title'],
    false,
  ],
  [
    'a slower first response (elapsed minutes)',
    () => {},
    (c) => {
      setTarget(c, 'enterprise-premium', 'S1', { kind: 'elapsed', minutes: 60 });
    },
    ['responseTimes[enterprise-premium].targets[S1].target'],
    true,
  ],
  [
    'a faster first response',
    () => {},
    (c) => {
      setTarget(c, 'enterprise-premium', 'S1', { kind: 'elapsed', minutes: 15 });
    },
    ['responseTimes[enterprise-premium].targets[S1].target'],
    false,
  ],
  [
    'around the clock becoming business minutes',
    () => {},
    (c) => {
      setTarget(c, 'enterprise-premium', 'S2', { kind: 'business-minutes', minutes: 60 });
    },
    ['responseTimes[enterprise-premium].targets[S2].target'],
    true,
  ],
  [
    'business days becoming fewer business hours',
    () => {},
    (c) => {
      setTarget(c, 'standard', 'S3', { kind: 'business-minutes', minutes: 240 });
    },
    ['responseTimes[standard].targets[S3].target'],
    false,
  ],
  [
    'business days becoming more business hours',
    () => {},
    (c) => {
      setTarget(c, 'standard', 'S3', { kind: 'business-minutes', minutes: 600 });
    },
    ['responseTimes[standard].targets[S3].target'],
    true,
  ],
  [
    'a reworded severity meaning',
    () => {},
    (c) => {
      if (c.severities[0]) c.severities[0].meaning = 'Critical: platform down';
    },
    ['severities[S1].meaning'],
    true,
  ],
  [
    'other example reports',
    (c) => {
      c.contract.severityExamples.S4 = ['Where is the invoice for October?'];
    },
    undefined,
    ['severities[S4].examples'],
    false,
  ],
  [
    'a slower p99 for API reads',
    (c) => {
      const read = c.contract.slos.latency.find((l) => l.id === 'api-read');
      if (read) read.p99Ms = 1000;
    },
    undefined,
    ['slos.latency[api-read].p99Ms'],
    true,
  ],
  [
    'a faster p95 for exports',
    (c) => {
      const exports = c.contract.slos.latency.find((l) => l.id === 'exports');
      if (exports) exports.p95Ms = 1500;
    },
    undefined,
    ['slos.latency[exports].p95Ms'],
    false,
  ],
  [
    'an operation class dropped from the latency objectives',
    (c) => {
      c.contract.slos.latency = c.contract.slos.latency.filter((l) => l.id !== 'exports');
    },
    undefined,
    ['slos.latency[exports]'],
    true,
  ],
  [
    'a higher error-rate allowance',
    (c) => {
      c.contract.slos.errorRatePercent = 0.5;
    },
    undefined,
    ['slos.errorRatePercent'],
    true,
  ],
  [
    'a liability cap of fewer months of fees',
    (c) => {
      if (c.contract.liabilityCap) c.contract.liabilityCap.monthsOfFees = 6;
    },
    undefined,
    ['liabilityCap.monthsOfFees'],
    true,
  ],
  [
    'a new sub-processor',
    (c) => {
      c.contract.compliance?.subProcessors.push({ name: 'Sentry', purpose: 'Error tracking', location: 'US' });
    },
    undefined,
    ['compliance.subProcessors'],
    true,
  ],
  [
    'a sub-processor no longer used',
    (c) => {
      if (c.contract.compliance) c.contract.compliance.subProcessors = c.contract.compliance.subProcessors.slice(1);
    },
    undefined,
    ['compliance.subProcessors'],
    false,
  ],
  [
    'a certification dropped',
    (c) => {
      if (c.contract.compliance) c.contract.compliance.certifications = c.contract.compliance.certifications.slice(1);
    },
    undefined,
    ['compliance.certifications'],
    true,
  ],
];

function setTarget(
  c: SlaContent,
  tier: string,
  severity: string,
  target: SlaContent['responseTimes'][number]['targets'][number]['target'],
): void {
  const row = c.responseTimes.find((r) => r.tier === tier)?.targets.find((t) => t.severity === severity);
  if (!row) throw new Error('no target');
  row.target = target;
}

describe('diffSla and isWeakening', () => {
  it.each(CASES)('%s', (_name, changeConfig, changeContent, paths, weakens) => {
    const next = exampleSlaContent(changeConfig);
    changeContent?.(next);
    const diff = diffSla(base, next);
    expect(diff.map((c) => c.path).sort()).toEqual([...paths].sort());
    expect(isWeakening(diff)).toBe(weakens);
  });

  it('finds no change between two builds of the same config', () => {
    expect(diffSla(base, exampleSlaContent())).toEqual([]);
  });

  it('records before and after, with null for an added or removed item', () => {
    const next = exampleSlaContent((c) => {
      c.contract.claimWindowDays = 14;
      c.components.push({ id: 'search', name: 'Search' });
    });
    expect(diffSla(base, next)).toEqual([
      { path: 'components[search]', before: null, after: { id: 'search', name: 'Search', group: '' } },
      { path: 'credits.claimWindowDays', before: 30, after: 14 },
    ]);
  });

  it('weakens when any one change weakens, even beside strengthening ones', () => {
    const next = exampleSlaContent((c) => {
      c.contract.availabilityTarget = 99.95;
      c.contract.claimWindowDays = 14;
    });
    const diff = diffSla(base, next);
    expect(diff.filter(isWeakeningChange).map((c) => c.path)).toEqual(['credits.claimWindowDays']);
    expect(isWeakening(diff)).toBe(true);
  });

  it('treats a path no rule knows as weakening, so an unforeseen change still gets notice', () => {
    expect(isWeakeningChange({ path: 'somethingNew', before: 1, after: 2 })).toBe(true);
  });
});
