import type { BusinessDayDefinition } from '../calendar/index.ts';
import type { DeadlineAnchor } from '../follow-ups/index.ts';
import type { ResponseTarget } from '../sla/targets.ts';
import type { Severity, Tier } from '../types.ts';

/**
 * What the SLA page promises, as data. Only values live here (numbers, lists, the operator's
 * own wording from config); the prose around them is in the templates, so a reworded sentence
 * in a template is not a new SLA version but a changed number always is.
 */
export interface SlaContent {
  availability: {
    targetPercent: number;
    downtimeDefinition: string;
    exclusions: string[];
    /** Share of an incident's duration counted as downtime, by severity, in percent. */
    downtimeWeights: { severity: Severity; percent: number }[];
    partialOutageWeightPercent: number;
    degradedPerformanceWeightPercent: number;
    /** Downtime the target allows in a 30-day month, a week and a 365-day year, in minutes. */
    allowed: DowntimeAllowance;
  };
  uptimeTable: UptimeTableRow[];
  /** What each severity means, with example reports in a customer's words (from config). */
  severities: { severity: Severity; meaning: string; examples: string[] }[];
  responseTimes: { tier: Tier; targets: { severity: Severity; target: ResponseTarget }[] }[];
  /** What a target of N business days means (contract.businessDay). */
  businessDay: BusinessDayDefinition;
  /** The S1 and S2 runbooks as customers see them (ids, offsets, who is brought in). */
  runbooks: { severity: 'S1' | 'S2'; steps: SlaRunbookStep[] }[];
  /** Deadlines after a resolved incident of one of `severities`, counted from the resolution. */
  followUps: {
    severities: Severity[];
    timelineHours: number;
    postmortemHours: number;
    executiveSummaryHours: number;
    rcaBusinessDays: number;
    /** What the deadlines (and the RCA-late trigger) count from (documents.deadlinesFrom). */
    countedFrom: DeadlineAnchor;
  };
  credits: { tiers: SlaCreditTier[]; capPercent: number; claimWindowDays: number };
  termination: { s1Count: number; s1WindowDays: number; uptimeBelow: number; rcaLaterThanBusinessDays: number };
  maintenance: { noticeHours: number };
  /** A change that weakens a commitment takes effect only after this many days. */
  changeNotice: { weakeningDays: number };
  rateLimit: { requests: number; perSeconds: number };
  /** Latency (p95/p99 per operation class) and error-rate objectives, and how they are measured. */
  slos: SlaObjectives;
  /** Our liability as months of fees, and what the cap does not limit; null when the contract sets none. */
  liabilityCap: { monthsOfFees: number; notCapped: string[] } | null;
  /** Security and compliance facts; null when the operator configured none. */
  compliance: SlaCompliance | null;
  components: { id: string; name: string; group: string }[];
}

export interface SlaObjectives {
  latency: { id: string; operation: string; p95Ms: number; p99Ms: number }[];
  errorRatePercent: number | null;
  measurement: string;
  excludesUpstreamTime: boolean;
}

export interface SlaCompliance {
  certifications: { name: string; detail: string | null }[];
  regions: { name: string; location: string }[];
  encryption: { atRest: string; inTransit: string } | null;
  accessControl: string[];
  dpaUrl: string | null;
  subProcessors: { name: string; purpose: string; location: string }[];
  subProcessorNoticeDays: number;
}

export interface DowntimeAllowance {
  perMonthMinutes: number;
  perWeekMinutes: number;
  perYearMinutes: number;
}

export interface UptimeTableRow extends DowntimeAllowance {
  percent: number;
}

export interface SlaRunbookStep {
  id: string;
  title: string;
  /** Minutes after `after` (the incident start unless acknowledged/resolved). */
  offsetMinutes: number;
  after: 'start' | 'acknowledged' | 'resolved';
  isBusinessTime: boolean;
  action: string;
  when: string;
  targets: string[];
}

export interface SlaCreditTier {
  /** Applies from this monthly uptime (inclusive) up to the next higher tier's minimum. */
  minUptime: number;
  percent: number;
  terminationRight: boolean;
}

/** One changed value between two versions; `null` on one side means added or removed. */
export interface SlaChange {
  path: string;
  before: unknown;
  after: unknown;
}
