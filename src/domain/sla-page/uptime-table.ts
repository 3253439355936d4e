import { allowedDowntimeMinutes, THIRTY_DAY_MONTH_MINUTES } from '../uptime/allowance.ts';
import type { DowntimeAllowance, UptimeTableRow } from './content.ts';

/** The targets buyers compare, from "two nines" to "four nines". */
export const UPTIME_TABLE_TARGETS = [99, 99.5, 99.9, 99.95, 99.99] as const;

const WEEK_MINUTES = 7 * 24 * 60;
const YEAR_MINUTES = 365 * 24 * 60;

/** Downtime `targetPercent` allows per 30-day month, week and 365-day year (as uptime tables quote them). */
export function downtimeAllowance(targetPercent: number): DowntimeAllowance {
  return {
    perMonthMinutes: round(allowedDowntimeMinutes(targetPercent, THIRTY_DAY_MONTH_MINUTES)),
    perWeekMinutes: round(allowedDowntimeMinutes(targetPercent, WEEK_MINUTES)),
    perYearMinutes: round(allowedDowntimeMinutes(targetPercent, YEAR_MINUTES)),
  };
}

export function uptimeTable(targets: readonly number[] = UPTIME_TABLE_TARGETS): UptimeTableRow[] {
  return targets.map((percent) => ({ percent, ...downtimeAllowance(percent) }));
}

/**
 * A downtime as a reader expects it: minutes below an hour, hours above, one decimal
 * (99.99 % of a 30-day month is '4.3 min', 99 % is '7.2 h').
 */
export function formatDowntime(minutes: number): string {
  if (minutes < 60) return `${oneDecimal(minutes)} min`;
  return `${oneDecimal(minutes / 60)} h`;
}

function oneDecimal(n: number): string {
  return String(Math.round(n * 10) / 10);
}

// Floating point turns 0.1 % of 43,200 min into 43.20000000000003; six decimals keep the hash stable.
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
