/** Minutes of downtime a target allows in a period: 99.9 % of an average month → 43.8 min. */
export function allowedDowntimeMinutes(targetPercent: number, periodMinutes: number): number {
  return ((100 - targetPercent) / 100) * periodMinutes;
}

/** The average month (365.25 / 12 days): 99.9 % allows 43.8 min (the error budget most SLAs quote). */
export const AVERAGE_MONTH_MINUTES = (365.25 / 12) * 24 * 60;
/** A 30-day month, as uptime tables quote it: 99 % → 7.2 h, 99.99 % → 4.3 min. */
export const THIRTY_DAY_MONTH_MINUTES = 30 * 24 * 60;
