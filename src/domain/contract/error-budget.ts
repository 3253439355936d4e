import { allowedDowntimeMinutes, AVERAGE_MONTH_MINUTES, monthWindow } from '../uptime/index.ts';

export interface ErrorBudget {
  month: string;
  targetPercent: number;
  monthMinutes: number;
  /** Downtime the target allows in this month: 99.9 % of a 31-day month → 44.64 min. */
  budgetMinutes: number;
}

/** The error budget of a calendar month in `timeZone` (its real length, so a DST month differs by an hour). */
export function errorBudget(targetPercent: number, month: string, timeZone = 'UTC'): ErrorBudget {
  const { from, to } = monthWindow(month, timeZone);
  const monthMinutes = (to.getTime() - from.getTime()) / 60_000;
  return { month, targetPercent, monthMinutes, budgetMinutes: allowedDowntimeMinutes(targetPercent, monthMinutes) };
}

/** The budget of the average month (365.25 / 12 days), the figure contracts quote: 99.9 % → 43.8 min. */
export function averageMonthBudgetMinutes(targetPercent: number): number {
  return allowedDowntimeMinutes(targetPercent, AVERAGE_MONTH_MINUTES);
}

/** How much of a month's budget `downtimeMinutes` uses, in percent (can exceed 100). */
export function budgetConsumption(
  downtimeMinutes: number,
  budget: ErrorBudget,
): { minutes: number; percentOfBudget: number } {
  return {
    minutes: downtimeMinutes,
    percentOfBudget:
      budget.budgetMinutes > 0 ? (100 * downtimeMinutes) / budget.budgetMinutes : downtimeMinutes > 0 ? Infinity : 0,
  };
}
