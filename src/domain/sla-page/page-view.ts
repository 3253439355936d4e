import { DateTime } from 'luxon';
import { formatOffset } from '../runbook/index.ts';
import { describeTarget } from '../sla/targets.ts';
import type { SlaCreditTier, SlaRunbookStep } from './content.ts';
import { commitmentsView } from './commitments-view.ts';
import { formatDowntime } from './uptime-table.ts';
import type { SlaVersion } from './versions.ts';

/** The sections of the page, in order; each is an anchor (`/sla#credits`) and a contents entry. */
export const SLA_SECTIONS = [
  { id: 'availability', title: 'Availability' },
  { id: 'uptime-table', title: 'What an uptime target allows' },
  { id: 'performance', title: 'Performance objectives' },
  { id: 'severities', title: 'Severity levels' },
  { id: 'response-times', title: 'First response times' },
  { id: 'escalation', title: 'Escalation ladder' },
  { id: 's1-timeline', title: 'S1 incident timeline' },
  { id: 'follow-ups', title: 'After an incident' },
  { id: 'credits', title: 'Service credits' },
  { id: 'claims', title: 'Claiming a credit' },
  { id: 'termination', title: 'Termination rights' },
  { id: 'liability', title: 'Limitation of liability' },
  { id: 'maintenance', title: 'Scheduled maintenance' },
  { id: 'rate-limits', title: 'API rate limits' },
  { id: 'security', title: 'Security and compliance' },
] as const;

const BUSINESS_DAY_TEXT: Record<string, string> = {
  hours:
    "A target in business days is that many working days' worth of business hours in your contract's calendar: one business day of a 09:00–17:00 calendar is 8 business hours.",
  'next-day-same-time':
    "A target in business days is due at the same time of day that many business days later in your contract's calendar (a request made outside business hours counts from the next opening).",
};
const COUNTED_FROM_TEXT: Record<string, string> = {
  'incident-start': 'the start of the incident',
  resolution: 'the resolution',
};
const TIER_NAMES: Record<string, string> = { standard: 'Standard', 'enterprise-premium': 'Enterprise Premium' };
const TARGET_NAMES: Record<string, string> = {
  'on-call': 'the on-call engineer',
  responders: 'the responders',
  'engineering-managers': 'an engineering manager',
  'senior-engineers': 'a senior engineer',
  'vp-engineering': 'the VP of Engineering',
  'success-owner': 'your customer success owner',
};
const CONDITIONS: Record<string, string> = {
  always: '',
  unacknowledged: 'if not yet acknowledged',
  unresolved: 'if not yet resolved',
  'acknowledged-not-engaged': 'if nobody has posted in the incident since',
};
const PAGED = new Set(['page-oncall', 'repage-oncall']);
const LADDER_ACTIONS = new Set([...PAGED, 'escalate']);

export function percentText(n: number): string {
  return `${n}\u00a0%`;
}

export function dateText(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? instant.toISOString().slice(0, 10);
}

/** Everything the SLA template shows, as text: the template only places it. */
export function slaPageView({
  version,
  scheduled,
  timeZone,
}: {
  version: SlaVersion;
  scheduled: SlaVersion | undefined;
  timeZone: string;
}) {
  const c = version.content;
  const a = c.availability;
  return {
    // A section the config leaves empty is not announced in the contents.
    sections: SLA_SECTIONS.filter(
      (s) =>
        (s.id !== 'performance' || c.slos.latency.length > 0 || c.slos.errorRatePercent !== null) &&
        (s.id !== 'liability' || c.liabilityCap) &&
        (s.id !== 'security' || c.compliance),
    ),
    ...commitmentsView(c),
    version: {
      number: version.version,
      effectiveDate: dateText(version.effectiveAt, timeZone),
      effectiveAt: version.effectiveAt.toISOString(),
    },
    scheduled: scheduled
      ? {
          number: scheduled.version,
          effectiveDate: dateText(scheduled.effectiveAt, timeZone),
          isWeakening: scheduled.isWeakening,
        }
      : undefined,
    availability: {
      target: percentText(a.targetPercent),
      perMonth: formatDowntime(a.allowed.perMonthMinutes),
      perYear: formatDowntime(a.allowed.perYearMinutes),
      downtimeDefinition: a.downtimeDefinition,
      exclusions: a.exclusions,
      partialOutage: percentText(a.partialOutageWeightPercent),
      degradedPerformance: percentText(a.degradedPerformanceWeightPercent),
      weights: a.downtimeWeights.map((w) => ({ severity: w.severity, share: percentText(w.percent) })),
      components: c.components.map((x) => ({ name: x.group ? `${x.group}: ${x.name}` : x.name })),
    },
    uptimeTable: c.uptimeTable.map((row) => ({
      percent: percentText(row.percent),
      perMonth: formatDowntime(row.perMonthMinutes),
      perWeek: formatDowntime(row.perWeekMinutes),
      perYear: formatDowntime(row.perYearMinutes),
      isTarget: row.percent === a.targetPercent,
    })),
    severities: c.severities,
    responseTimes: {
      severities: c.severities.map((s) => s.severity),
      rows: c.responseTimes.map((r) => ({
        tier: TIER_NAMES[r.tier] ?? r.tier,
        targets: r.targets.map((t) => ({ severity: t.severity, text: describeTarget(t.target) })),
      })),
      businessDay: BUSINESS_DAY_TEXT[c.businessDay] ?? c.businessDay,
    },
    escalation: c.runbooks.map((r) => ({
      severity: r.severity,
      steps: r.steps.filter((s) => LADDER_ACTIONS.has(s.action)).map(stepView),
    })),
    s1Timeline: (c.runbooks.find((r) => r.severity === 'S1')?.steps ?? []).map(stepView),
    followUps: {
      ...c.followUps,
      severities: c.followUps.severities.join(' or '),
      countedFrom: COUNTED_FROM_TEXT[c.followUps.countedFrom] ?? c.followUps.countedFrom,
    },
    credits: {
      tiers: creditRows(c.credits.tiers),
      cap: percentText(c.credits.capPercent),
      claimWindowDays: c.credits.claimWindowDays,
    },
    termination: c.termination,
    maintenance: c.maintenance,
    changeNotice: c.changeNotice,
    rateLimit: c.rateLimit,
  };
}
export type SlaPageView = ReturnType<typeof slaPageView>;

function stepView(step: SlaRunbookStep) {
  const offset = formatOffset(new Date(0), new Date(step.offsetMinutes * 60_000)).replace(
    /^T/,
    step.after === 'start' ? 'T' : step.after === 'acknowledged' ? 'Ack' : 'Resolved',
  );
  return {
    id: step.id,
    offset,
    title: step.title,
    who: (PAGED.has(step.action) ? ['on-call'] : step.targets).map((t) => TARGET_NAMES[t] ?? t).join(', '),
    condition: CONDITIONS[step.when] ?? step.when,
    isBusinessTime: step.isBusinessTime,
  };
}

/** Tiers are listed highest minimum first; each runs up to the one above it. */
function creditRows(tiers: readonly SlaCreditTier[]) {
  return tiers.map((tier, i) => {
    const upper = tiers[i - 1]?.minUptime;
    const range =
      upper === undefined
        ? `${percentText(tier.minUptime)} or more`
        : tier.minUptime === 0
          ? `below ${percentText(upper)}`
          : `${percentText(tier.minUptime)} to below ${percentText(upper)}`;
    return { range, percent: percentText(tier.percent), terminationRight: tier.terminationRight };
  });
}
