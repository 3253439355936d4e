import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

const MONTH_DAY = /^(\d{1,2})-(\d{1,2})(?!\d)/;

/**
 * Why `rule` is not a date-holidays rule, or undefined. date-holidays itself rolls an impossible
 * month-day such as '12-32' over into the next month, so a leading month-day is checked here.
 */
export function yearlyRuleProblem(rule: string): string | undefined {
  const explain = `"${rule}" is not a date-holidays rule (for example 12-24, easter -2 or 12-31 if sunday then previous friday)`;
  const monthDay = MONTH_DAY.exec(rule.trim());
  // 2024 is a leap year, so 02-29 is a month-day that exists.
  if (monthDay && !DateTime.utc(2024, Number(monthDay[1]), Number(monthDay[2])).isValid) return explain;
  return sourceFor(rule) ? undefined : explain;
}

/**
 * Which of `rules` (date-holidays rule syntax) falls on a local date: the index of the first one,
 * or undefined. Each rule is evaluated once per year asked about.
 */
export function createYearlyRuleMatcher(
  rules: readonly string[],
  what: string,
): (localDate: string) => number | undefined {
  const sources = rules.map((rule) => {
    const problem = yearlyRuleProblem(rule);
    if (problem) throw new Error(`${what}: ${problem}`);
    return sourceFor(rule) as Holidays;
  });
  const byYear = new Map<number, Map<string, number>>();
  const datesOf = (year: number): Map<string, number> => {
    let dates = byYear.get(year);
    if (!dates) {
      dates = new Map();
      for (const [index, source] of sources.entries()) {
        for (const holiday of source.getHolidays(year)) {
          const date = holiday.date.slice(0, 10);
          if (!dates.has(date)) dates.set(date, index);
        }
      }
      byYear.set(year, dates);
    }
    return dates;
  };
  return (localDate) => {
    const year = Number(localDate.slice(0, 4));
    // The previous year too: a rule moved off a weekend can land in January.
    return datesOf(year).get(localDate) ?? datesOf(year - 1).get(localDate);
  };
}

function sourceFor(rule: string): Holidays | undefined {
  const source = new Holidays();
  return source.setHoliday(rule, { name: { en: rule }, type: 'public' }) ? source : undefined;
}
