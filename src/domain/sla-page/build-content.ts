import type { Runbook } from '../runbook/index.ts';
import type { ResponseTarget } from '../sla/targets.ts';
import { SEVERITIES, TIERS, type Severity, type Tier } from '../types.ts';
import type { SlaContent } from './content.ts';
import { downtimeAllowance, uptimeTable } from './uptime-table.ts';

/** Everything the SLA is generated from: the same values tplus enforces. */
export interface SlaSources {
  contract: {
    availabilityTarget: number;
    downtimeDefinition: string;
    downtimeWeights: Partial<Record<Severity, number>>;
    exclusions: readonly string[];
    credits: readonly { minUptime: number; percent: number; terminationRight: boolean }[];
    creditCapPercent: number;
    claimWindowDays: number;
    termination: { s1Count: number; s1WindowDays: number; uptimeBelow: number };
    followUps: {
      timelineHours: number;
      postmortemHours: number;
      executiveSummaryHours: number;
      rcaBusinessDays: number;
    };
    weakeningNoticeDays: number;
  };
  /** Resolved incidents of these severities get the follow-up documents. */
  followUpSeverities: readonly Severity[];
  statusPage: {
    partialOutageWeight: number;
    degradedPerformanceWeight: number;
    maintenanceNoticeHours: number;
    rateLimit: { requests: number; perSeconds: number };
  };
  responseTargets: Readonly<Record<Tier, Readonly<Record<Severity, ResponseTarget>>>>;
  severityMeaning: Readonly<Record<Severity, string>>;
  /** The classifier's signal groups, in file order (the severity rules). */
  signalGroups: readonly { label: string; points: Severity | 'modifier'; patterns: readonly RegExp[] }[];
  runbooks: { S1: Runbook; S2: Runbook };
  components: readonly { id: string; name: string; group?: string | undefined }[];
}

const EXAMPLES_PER_SEVERITY = 3;

export function buildSlaContent(sources: SlaSources): SlaContent {
  const { contract, statusPage } = sources;
  return {
    availability: {
      targetPercent: contract.availabilityTarget,
      downtimeDefinition: contract.downtimeDefinition,
      exclusions: [...contract.exclusions],
      downtimeWeights: SEVERITIES.flatMap((severity) => {
        const weight = contract.downtimeWeights[severity];
        return weight === undefined ? [] : [{ severity, percent: percent(weight) }];
      }),
      partialOutageWeightPercent: percent(statusPage.partialOutageWeight),
      degradedPerformanceWeightPercent: percent(statusPage.degradedPerformanceWeight),
      allowed: downtimeAllowance(contract.availabilityTarget),
    },
    uptimeTable: uptimeTable(),
    severities: SEVERITIES.map((severity) => {
      const groups = sources.signalGroups.filter((g) => g.points === severity);
      return {
        severity,
        meaning: sources.severityMeaning[severity],
        signals: groups.map((g) => g.label),
        examples: examplePhrases(groups.map((g) => g.patterns)),
      };
    }),
    responseTimes: TIERS.map((tier) => ({
      tier,
      targets: SEVERITIES.map((severity) => ({ severity, target: { ...sources.responseTargets[tier][severity] } })),
    })),
    runbooks: (['S1', 'S2'] as const).map((severity) => ({
      severity,
      steps: sources.runbooks[severity].steps.map((step) => ({
        id: step.id,
        title: step.title,
        offsetMinutes: step.at.minutes,
        after: step.at.after,
        isBusinessTime: step.at.isBusinessTime,
        action: step.action,
        when: step.when,
        targets: [...step.targets],
      })),
    })),
    followUps: { severities: SEVERITIES.filter((s) => sources.followUpSeverities.includes(s)), ...contract.followUps },
    credits: {
      tiers: contract.credits.map(({ minUptime, percent: p, terminationRight }) => ({
        minUptime,
        percent: p,
        terminationRight,
      })),
      capPercent: contract.creditCapPercent,
      claimWindowDays: contract.claimWindowDays,
    },
    termination: { ...contract.termination, rcaLaterThanBusinessDays: contract.followUps.rcaBusinessDays },
    maintenance: { noticeHours: statusPage.maintenanceNoticeHours },
    changeNotice: { weakeningDays: contract.weakeningNoticeDays },
    rateLimit: { requests: statusPage.rateLimit.requests, perSeconds: statusPage.rateLimit.perSeconds },
    components: sources.components.map(({ id, name, group }) => ({ id, name, group: group ?? '' })),
  };
}

/**
 * Phrases a customer might write, taken from the classifier's own patterns: only the ones that
 * are plain words (no alternation or wildcard), one per signal group in turn, so every kind of
 * report gets a voice before any gets a second.
 */
function examplePhrases(groupPatterns: readonly (readonly RegExp[])[]): string[] {
  const plain = groupPatterns.map((patterns) => patterns.map(plainPhrase).filter((p): p is string => p !== undefined));
  const picked: string[] = [];
  for (let round = 0; picked.length < EXAMPLES_PER_SEVERITY && plain.some((list) => list.length > round); round += 1) {
    for (const list of plain) {
      const phrase = list[round];
      if (phrase !== undefined && picked.length < EXAMPLES_PER_SEVERITY && !picked.includes(phrase))
        picked.push(phrase);
    }
  }
  return picked;
}

// expandPattern wraps every pattern in word-edge lookarounds; the phrase is what sits inside.
const WRAPPED = /^\(\?<!\[a-z0-9\]\)\(\?:(.*)\)\(\?!\[a-z0-9\]\)$/u;

function plainPhrase(pattern: RegExp): string | undefined {
  const inner = WRAPPED.exec(pattern.source)?.[1] ?? pattern.source;
  return /^[a-z]+(?: [a-z]+)+$/u.test(inner) ? inner : undefined;
}

// Weights are shares (0.3); the page and the diff speak percent (30). Rounded so 0.07 reads 7, not 7.000000000000001.
function percent(share: number): number {
  return Math.round(share * 100 * 1e6) / 1e6;
}
