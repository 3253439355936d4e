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
  severities: { severity: Severity; meaning: string; signals: string[] }[];
  responseTimes: { tier: Tier; targets: { severity: Severity; target: ResponseTarget }[] }[];
  /** The S1 and S2 runbooks as customers see them (ids, offsets, who is brought in). */
  runbooks: { severity: 'S1' | 'S2'; steps: SlaRunbookStep[] }[];
  /** Deadlines after a resolved incident of one of `severities`, counted from the resolution. */
  followUps: {
    severities: Severity[];
    timelineHours: number;
    postmortemHours: number;
    executiveSummaryHours: number;
    rcaBusinessDays: number;
  };
  credits: { tiers: SlaCreditTier[]; capPercent: number; claimWindowDays: number };
  termination: { s1Count: number; s1WindowDays: number; uptimeBelow: number; rcaLaterThanBusinessDays: number };
  maintenance: { noticeHours: number };
  /** A change that weakens a commitment takes effect only after this many days. */
  changeNotice: { weakeningDays: number };
  rateLimit: { requests: number; perSeconds: number };
  components: { id: string; name: string; group: string }[];
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
