import { assembleMonthlyReport, errorBudget, isMonth, type MonthlyReport } from '../domain/contract/index.ts';
import { monthWindow } from '../domain/uptime/index.ts';
import type { ContractStore, CreditClaimStore } from './contract-ports.ts';
import { measureCustomerMonth, type ContractPolicy } from './contract-policy.ts';
import type { Clock } from './ports.ts';

export type MonthlyReportOutcome =
  { ok: true; report: MonthlyReport } | { ok: false; reason: 'unknown-customer' | 'bad-month'; message: string };

/**
 * A customer's SLA report for a calendar month in their zone: uptime and downtime, incidents
 * with exclusion reasons, first-response attainment per severity, credit owed and claims,
 * termination triggers, RCA punctuality, MTTA/MTTR and the error budget. A month still running
 * is reported so far (marked provisional).
 */
export async function buildMonthlyReport({
  store,
  claims,
  policy,
  clock,
  customerId,
  month,
}: {
  store: ContractStore;
  claims: CreditClaimStore;
  policy: ContractPolicy;
  clock: Clock;
  customerId: string;
  month: string;
}): Promise<MonthlyReportOutcome> {
  const account = policy.account(customerId);
  if (!account) return { ok: false, reason: 'unknown-customer', message: `no customer "${customerId}" in the config` };
  if (!isMonth(month))
    return { ok: false, reason: 'bad-month', message: `"${month}" is not a month; use YYYY-MM, e.g. 2026-10` };
  const now = clock.now();
  const { from, to } = monthWindow(month, account.timeZone);
  const uptime = await measureCustomerMonth({ store, policy, account, month, now });
  const uptimeKey = `uptime:${account.id}:${month}`;
  const [incidents, tickets, claimRows, fired] = await Promise.all([
    store.incidentsOverlapping(from, to),
    store.ticketsFiled(account.id, from, to),
    claims.forMonth(account.id, month),
    store.triggersFired(account.id, from, to, [uptimeKey]),
  ]);
  // A month's uptime trigger fires just after the month: it belongs to that month's report, not the next.
  const triggers = fired.filter((t) => t.kind !== 'uptime' || t.key === uptimeKey);
  const s1Ids = incidents
    .filter((i) => i.severity === 'S1' && i.startedAt >= from && i.startedAt < to)
    .map((i) => i.id);
  const report = assembleMonthlyReport({
    customer: account,
    uptime,
    budget: errorBudget(policy.availabilityTarget, month, account.timeZone),
    incidents,
    tickets,
    triggers,
    claims: claimRows.map(
      ({ id, incidentId, state, creditPercent, creditAmount, requestedAt, decidedAt, appliedCycle }) => ({
        id,
        incidentId,
        state,
        creditPercent,
        creditAmount,
        requestedAt,
        decidedAt,
        appliedCycle,
      }),
    ),
    rcaDeadlines: await store.rcaDeadlines(account.id, s1Ids),
    tiers: policy.tiers,
    capPercent: policy.creditCapPercent,
    monthlyFee: account.monthlyFee,
    now,
  });
  return { ok: true, report };
}
