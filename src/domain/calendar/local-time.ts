import { DateTime } from 'luxon';

// Zone-independent calendar-date arithmetic runs in UTC so that no DST rule can shift a date.
const DATE_ONLY = { zone: 'utc' } as const;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

export const MINUTES_PER_DAY = 24 * 60;

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, DATE_ONLY).isValid;
}

export function assertLocalDate(value: string, what: string): void {
  if (!isLocalDate(value)) throw new Error(`${what} "${value}" is not a valid date (expected YYYY-MM-DD)`);
}

/** Minutes after local midnight for 'HH:mm'; '24:00' is accepted so a window can run to midnight. */
export function parseClockTime(value: string, what: string): number {
  const match = CLOCK_TIME.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const total = hours * 60 + minutes;
  if (!match || minutes > 59 || total > MINUTES_PER_DAY) {
    throw new Error(`${what} "${value}" is not a valid time of day (expected HH:mm, 00:00–24:00)`);
  }
  return total;
}

export function nextLocalDate(localDate: string): string {
  return DateTime.fromISO(localDate, DATE_ONLY).plus({ days: 1 }).toISODate() as string;
}

export function isoWeekday(localDate: string): number {
  return DateTime.fromISO(localDate, DATE_ONLY).weekday;
}

export function yearOf(localDate: string): number {
  return Number(localDate.slice(0, 4));
}

export function localDateOf(instantMs: number, timeZone: string): string {
  return DateTime.fromMillis(instantMs, { zone: timeZone }).toISODate() as string;
}

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay` on `localDate`.
 * Built from wall-clock fields rather than by adding minutes to midnight, so 09:00 stays 09:00
 * on a day whose night was shortened or lengthened by DST. A wall time skipped by a spring-forward
 * gap resolves to the first valid instant after it (luxon's rule).
 */
export function wallClockInstant(localDate: string, minuteOfDay: number, timeZone: string): number {
  const date = minuteOfDay === MINUTES_PER_DAY ? nextLocalDate(localDate) : localDate;
  const minutes = minuteOfDay % MINUTES_PER_DAY;
  const { year, month, day } = DateTime.fromISO(date, DATE_ONLY);
  return DateTime.fromObject(
    { year, month, day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: timeZone },
  ).toMillis();
}
