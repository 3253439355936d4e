import { affectsCustomer, budgetConsumption, errorBudget, monthOf, nextMonth } from '../domain/contract/index.ts';
import type { ContractStore } from './contract-ports.ts';
import { measureCustomerMonth, type ContractPolicy } from './contract-policy.ts';
import type { Clock } from './ports.ts';

/** The months (YYYY-MM, in `timeZone`) an incident touches, oldest first. */
function monthsSpanned(from: Date, to: Date, timeZone: string): string[] {
  const months = [monthOf(from, timeZone)];
  const last = monthOf(to, timeZone);
  while ((months.at(-1) as string) < last) months.push(nextMonth(months.at(-1) as string));
  return months;
}

/**
 * Writes each resolved incident's error-budget line on its timeline, once: for every customer it
 * affected and every month it touched, the downtime it used (after exclusions) in minutes and in
 * percent of that month's budget. A sweep rather than a step of the resolution, so the line also
 * sees the cause recorded at resolution and is written for incidents resolved by PagerDuty.
 */
export async function recordErrorBudgets({
  store,
  policy,
  clock,
  limit = 20,
  pace,
}: {
  store: ContractStore;
  policy: ContractPolicy;
  clock: Clock;
  limit?: number;
  /** Called between incidents, so a batch lets requests in. */
  pace?: () => Promise<void>;
}): Promise<number> {
  const now = clock.now();
  let written = 0;
  for (const incident of await store.resolvedWithoutBudgetLine(limit)) {
    await pace?.();
    const resolvedAt = incident.resolvedAt as Date;
    const shares: {
      customerId: string;
      month: string;
      minutes: number;
      percentOfBudget: number;
      budgetMinutes: number;
      exclusion: string | null;
    }[] = [];
    for (const account of policy.accounts().filter((a) => affectsCustomer(incident, a))) {
      for (const month of monthsSpanned(incident.startedAt, resolvedAt, account.timeZone)) {
        const uptime = await measureCustomerMonth({ store, policy, account, month, now });
        const own = uptime.incidents.find((i) => i.id === incident.id);
        const budget = errorBudget(policy.availabilityTarget, month, account.timeZone);
        const used = budgetConsumption(own?.downtimeMinutes ?? 0, budget);
        shares.push({
          customerId: account.id,
          month,
          minutes: used.minutes,
          percentOfBudget: used.percentOfBudget,
          budgetMinutes: budget.budgetMinutes,
          exclusion: own?.exclusion ?? null,
        });
      }
    }
    const text =
      shares.length === 0
        ? 'Error budget: no customer’s budget affected (no customer or component of a customer).'
        : `Error budget: ${shares.map((s) => `${s.customerId} ${s.month}: ${s.minutes.toFixed(2)} min, ${s.percentOfBudget.toFixed(1)} % of ${s.budgetMinutes.toFixed(2)} min${s.exclusion ? ` (excluded: ${s.exclusion})` : ''}`).join('; ')}.`;
    if (
      await store.addBudgetLine(incident.id, {
        at: resolvedAt,
        text,
        detail: { target: policy.availabilityTarget, shares },
      })
    )
      written += 1;
  }
  return written;
}
