import type { BusinessDayDefinition } from '../calendar/index.ts';
import type { DeadlineAnchor } from '../follow-ups/index.ts';
import type { Runbook } from '../runbook/index.ts';
import type { ResponseTarget } from '../sla/targets.ts';
import { SEVERITIES, TIERS, type Severity, type Tier } from '../types.ts';
import type { SlaCompliance, SlaContent, SlaObjectives } from './content.ts';
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
    businessDay: BusinessDayDefinition;
    weakeningNoticeDays: number;
    slos: Omit<SlaObjectives, 'errorRatePercent'> & { errorRatePercent?: number | undefined };
    liabilityCap?: { monthsOfFees: number; notCapped: readonly string[] } | undefined;
    compliance?: ComplianceSource | undefined;
    /** Example reports per severity, in a customer's words. */
    severityExamples: Readonly<Record<Severity, readonly string[]>>;
  };
  /** Resolved incidents of these severities get the follow-up documents. */
  followUpSeverities: readonly Severity[];
  /** What the follow-up deadlines count from. */
  deadlinesFrom: DeadlineAnchor;
  statusPage: {
    partialOutageWeight: number;
    degradedPerformanceWeight: number;
    maintenanceNoticeHours: number;
    rateLimit: { requests: number; perSeconds: number };
  };
  responseTargets: Readonly<Record<Tier, Readonly<Record<Severity, ResponseTarget>>>>;
  severityMeaning: Readonly<Record<Severity, string>>;
  runbooks: { S1: Runbook; S2: Runbook };
  components: readonly { id: string; name: string; group?: string | undefined }[];
}

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
    severities: SEVERITIES.map((severity) => ({
      severity,
      meaning: sources.severityMeaning[severity],
      examples: [...contract.severityExamples[severity]],
    })),
    responseTimes: TIERS.map((tier) => ({
      tier,
      targets: SEVERITIES.map((severity) => ({ severity, target: { ...sources.responseTargets[tier][severity] } })),
    })),
    businessDay: contract.businessDay,
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
    followUps: {
      severities: SEVERITIES.filter((s) => sources.followUpSeverities.includes(s)),
      ...contract.followUps,
      countedFrom: sources.deadlinesFrom,
    },
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
    slos: {
      latency: contract.slos.latency.map(({ id, operation, p95Ms, p99Ms }) => ({ id, operation, p95Ms, p99Ms })),
      errorRatePercent: contract.slos.errorRatePercent ?? null,
      measurement: contract.slos.measurement,
      excludesUpstreamTime: contract.slos.excludesUpstreamTime,
    },
    liabilityCap: contract.liabilityCap
      ? { monthsOfFees: contract.liabilityCap.monthsOfFees, notCapped: [...contract.liabilityCap.notCapped] }
      : null,
    compliance: contract.compliance ? complianceContent(contract.compliance) : null,
    components: sources.components.map(({ id, name, group }) => ({ id, name, group: group ?? '' })),
  };
}

// Weights are shares (0.3); the page and the diff speak percent (30). Rounded so 0.07 reads 7, not 7.000000000000001.
function percent(share: number): number {
  return Math.round(share * 100 * 1e6) / 1e6;
}

interface ComplianceSource {
  certifications: readonly { name: string; detail?: string | undefined }[];
  regions: readonly { name: string; location: string }[];
  encryption?: { atRest: string; inTransit: string } | undefined;
  accessControl: readonly string[];
  dpaUrl?: string | undefined;
  subProcessors: readonly { name: string; purpose: string; location: string }[];
  subProcessorNoticeDays: number;
}

// Only the listed fields, in a fixed shape (null for absent), so the content hash is stable.
function complianceContent(c: ComplianceSource): SlaCompliance {
  return {
    certifications: c.certifications.map(({ name, detail }) => ({ name, detail: detail ?? null })),
    regions: c.regions.map(({ name, location }) => ({ name, location })),
    encryption: c.encryption ? { atRest: c.encryption.atRest, inTransit: c.encryption.inTransit } : null,
    accessControl: [...c.accessControl],
    dpaUrl: c.dpaUrl ?? null,
    subProcessors: c.subProcessors.map(({ name, purpose, location }) => ({ name, purpose, location })),
    subProcessorNoticeDays: c.subProcessorNoticeDays,
  };
}
