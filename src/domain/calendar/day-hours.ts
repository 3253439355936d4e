import type { HolidayLookup } from './holidays.ts';
import { toDayWindows } from './hours.ts';
import { assertLocalDate, isoWeekday } from './local-time.ts';
import type { CalendarDay, DateHours, DayWindow } from './types.ts';
import { createYearlyRuleMatcher } from './yearly-rules.ts';

/**
 * A local day's hours, decided in this order:
 * 1. a `dates` entry for exactly that date (it may open a weekend or a holiday, or close a day);
 * 2. a holiday (the country's, `holidays.dates`, `holidays.rules`) closes the day;
 * 3. a weekday without windows stays closed;
 * 4. the first yearly `dates` rule that falls on the day replaces its hours (a half day: a rule
 *    shortens working days, it never opens a weekend or a holiday);
 * 5. otherwise the weekday's own windows.
 */
export function createDayResolver({
  where,
  week,
  dates,
  holidayName,
}: {
  where: string;
  week: readonly (readonly DayWindow[])[];
  dates: readonly DateHours[];
  holidayName: HolidayLookup;
}): (localDate: string) => CalendarDay {
  const byDate = new Map<string, DayWindow[]>();
  const ruled: { rule: string; hours: DayWindow[] }[] = [];
  dates.forEach((entry, i) => {
    const what = `${where}: dates.${i}`;
    if ((entry.date === undefined) === (entry.rule === undefined))
      throw new Error(`${what}: give either a date or a yearly rule`);
    const hours = toDayWindows(entry.hours, `${what} hours`);
    if (entry.rule !== undefined) {
      ruled.push({ rule: entry.rule, hours });
      return;
    }
    const date = entry.date as string;
    assertLocalDate(date, `${what} date`);
    if (byDate.has(date)) throw new Error(`${what}: ${date} is given hours twice`);
    byDate.set(date, hours);
  });
  const ruleOn = createYearlyRuleMatcher(
    ruled.map((r) => r.rule),
    `${where}: dates rule`,
  );

  return (localDate) => {
    const exact = byDate.get(localDate);
    if (exact)
      return { hours: exact, note: exact.length > 0 ? `hours set for ${localDate}` : `closed on ${localDate}` };
    const holiday = holidayName(localDate);
    if (holiday !== undefined) return { hours: [], note: holiday };
    const regular = week[isoWeekday(localDate)] ?? [];
    if (regular.length === 0) return { hours: regular };
    const index = ruleOn(localDate);
    const special = index === undefined ? undefined : ruled[index];
    return special ? { hours: special.hours, note: `yearly hours (${special.rule})` } : { hours: regular };
  };
}
