import { DateTime } from 'luxon';
import { measureDowntime, type DowntimeMeasure, type Interval, type WeightedInterval } from './downtime.ts';

export interface DayMeasure extends DowntimeMeasure {
  /** The local date, YYYY-MM-DD, in the page's time zone. */
  date: string;
  from: Date;
  to: Date;
}

/**
 * One measure per local calendar day (midnight to midnight in `timeZone`, so 23 or 25 hours on a
 * DST change), for the `days` days ending with the day that contains `now`. The current day is
 * measured up to `now` only.
 */
export function dailyDowntime({
  now,
  days,
  timeZone,
  outages,
  exclusions = [],
}: {
  now: Date;
  days: number;
  timeZone: string;
  outages: readonly WeightedInterval[];
  exclusions?: readonly Interval[];
}): DayMeasure[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  const result: DayMeasure[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const day = today.minus({ days: back });
    const from = day.toJSDate();
    const to = back === 0 ? now : day.plus({ days: 1 }).toJSDate();
    result.push({
      date: day.toISODate() as string,
      from,
      to,
      ...measureDowntime({ window: { from, to }, outages, exclusions }),
    });
  }
  return result;
}

/** The calendar month `YYYY-MM` in `timeZone` as a window. */
export function monthWindow(month: string, timeZone: string): Interval {
  const start = DateTime.fromISO(`${month}-01`, { zone: timeZone });
  if (!start.isValid || !/^\d{4}-\d{2}$/.test(month)) throw new Error(`not a month: ${month} (expected YYYY-MM)`);
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}
