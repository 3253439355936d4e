import { SEVERITIES, type Severity } from '../types.ts';
import { affectsCustomer, type ContractCustomer, type ContractIncident } from './affected.ts';
import { creditAmount, creditFor, type CreditTier } from './credits.ts';
import type { CustomerMonthUptime } from './customer-uptime.ts';
import { budgetConsumption, type ErrorBudget } from './error-budget.ts';
import type { RcaDeadline } from './triggers.ts';

export interface ReportTicket {
  id: number;
  severity: Severity;
  filedAt: Date;
  firstResponseDueAt: Date;
  firstResponseAt: Date | null;
}
export interface ReportClaim {
  id: number;
  incidentId: number;
  state: string;
  creditPercent: number;
  creditAmount: number | null;
  requestedAt: Date;
  decidedAt: Date | null;
  appliedCycle: string | null;
}
export interface ReportTrigger {
  key: string;
  kind: string;
  firedAt: Date;
  evidence: Record<string, unknown>;
}

const round = (n: number, places = 3) => Math.round(n * 10 ** places) / 10 ** places;
const minutesBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 60_000;
const mean = (xs: number[]) => (xs.length === 0 ? null : round(xs.reduce((s, x) => s + x, 0) / xs.length));

/**
 * The per-customer monthly SLA report as data (the JSON form; the Markdown is rendered from it).
 * Pure: the caller loads the month's rows. Figures are rounded to 3 decimals for reading; the
 * credit is decided on the unrounded uptime.
 */
export function assembleMonthlyReport({
  customer,
  uptime,
  budget,
  incidents,
  tickets,
  claims,
  triggers,
  rcaDeadlines,
  tiers,
  capPercent,
  monthlyFee,
  now,
}: {
  customer: ContractCustomer & { name: string };
  uptime: CustomerMonthUptime;
  budget: ErrorBudget;
  /** Incidents to consider (any): those that affected the customer and started in the month are listed. */
  incidents: readonly ContractIncident[];
  tickets: readonly ReportTicket[];
  claims: readonly ReportClaim[];
  triggers: readonly ReportTrigger[];
  rcaDeadlines: readonly RcaDeadline[];
  tiers: readonly CreditTier[];
  capPercent: number;
  monthlyFee?: { amount: number; currency: string } | undefined;
  now: Date;
}) {
  const credit = creditFor(uptime.uptimePercent, tiers);
  const started = incidents.filter(
    (i) => affectsCustomer(i, customer) && i.startedAt >= uptime.window.from && i.startedAt < uptime.window.to,
  );
  const responseTimes = SEVERITIES.map((severity) => {
    const of = tickets.filter((t) => t.severity === severity);
    const met = of.filter((t) => t.firstResponseAt && t.firstResponseAt <= t.firstResponseDueAt).length;
    const missed = of.filter((t) =>
      t.firstResponseAt ? t.firstResponseAt > t.firstResponseDueAt : now > t.firstResponseDueAt,
    ).length;
    return {
      severity,
      tickets: of.length,
      met,
      missed,
      pending: of.length - met - missed,
      attainmentPercent: met + missed === 0 ? null : round((100 * met) / (met + missed), 1),
    };
  }).filter((r) => r.tickets > 0);
  const ownerOf = new Map(incidents.map((i) => [i.id, i.customerId]));
  // Another customer's ticket title is their text: the report names it by component impact only.
  const titleOf = (id: number, title: string) =>
    (ownerOf.get(id) ?? null) === null || ownerOf.get(id) === customer.id ? title : 'Incident on a shared component';
  const s1Ids = new Set(started.filter((i) => i.severity === 'S1').map((i) => i.id));
  const rca = rcaDeadlines
    .filter((d) => s1Ids.has(d.incidentId))
    .map((d) => ({
      incidentId: d.incidentId,
      dueAt: d.dueAt,
      sentAt: d.metAt,
      punctuality: d.metAt ? (d.metAt <= d.dueAt ? 'on time' : 'late') : now > d.dueAt ? 'overdue' : 'not yet due',
    }));
  return {
    customer: { id: customer.id, name: customer.name },
    month: uptime.month,
    period: { from: uptime.window.from, to: uptime.window.to, isComplete: uptime.isComplete },
    uptime: {
      percent: round(uptime.uptimePercent, 4),
      downtimeMinutes: round(uptime.downtimeMinutes),
      excludedMinutes: round(uptime.excludedMinutes),
      consideredMinutes: round(uptime.consideredMinutes),
    },
    errorBudget: {
      targetPercent: budget.targetPercent,
      budgetMinutes: round(budget.budgetMinutes),
      usedMinutes: round(uptime.downtimeMinutes),
      remainingMinutes: round(Math.max(0, budget.budgetMinutes - uptime.downtimeMinutes)),
      overspentMinutes: round(Math.max(0, uptime.downtimeMinutes - budget.budgetMinutes)),
      usedPercent: round(budgetConsumption(uptime.downtimeMinutes, budget).percentOfBudget, 1),
    },
    incidents: uptime.incidents.map((i) => ({
      id: i.id,
      ref: `INC-${i.id}`,
      severity: i.severity,
      title: titleOf(i.id, i.title),
      startedAt: i.startedAt,
      resolvedAt: i.resolvedAt,
      durationMinutes: round(i.minutesInMonth),
      downtimeMinutes: round(i.downtimeMinutes),
      exclusion: i.exclusion,
      budgetPercent: round(budgetConsumption(i.downtimeMinutes, budget).percentOfBudget, 1),
    })),
    maintenances: uptime.maintenances.map((m) => ({
      id: m.id,
      from: m.from,
      to: m.to,
      announcedAt: m.announcedAt,
      isExcluded: m.isExcluded,
      reason: m.reason,
    })),
    responseTimes,
    mtta: {
      minutes: mean(
        started.filter((i) => i.acknowledgedAt).map((i) => minutesBetween(i.startedAt, i.acknowledgedAt as Date)),
      ),
      incidents: started.filter((i) => i.acknowledgedAt).length,
    },
    mttr: {
      minutes: mean(started.filter((i) => i.resolvedAt).map((i) => minutesBetween(i.startedAt, i.resolvedAt as Date))),
      incidents: started.filter((i) => i.resolvedAt).length,
    },
    credit: {
      percent: credit.percent,
      terminationRight: credit.terminationRight,
      amount: monthlyFee ? creditAmount({ percent: credit.percent, monthlyFee: monthlyFee.amount, capPercent }) : null,
      currency: monthlyFee?.currency ?? null,
      isProvisional: !uptime.isComplete,
    },
    claims: claims.map((c) => ({ ...c, ref: `INC-${c.incidentId}` })),
    triggers: triggers.map((t) => ({ ...t })),
    rca,
  };
}

export type MonthlyReport = ReturnType<typeof assembleMonthlyReport>;
