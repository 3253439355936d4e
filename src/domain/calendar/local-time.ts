import { DateTime, IANAZone } from 'luxon';

// Zone-independent calendar-date arithmetic runs in UTC so that no DST rule can shift a date.
const DATE_ONLY = { zone: 'utc' } as const;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK_TIME = /^(\d{2}):(\d{2})$/;

export const MINUTES_PER_DAY = 24 * 60;
const MINUTE_MS = 60_000;
const DAY_MS = MINUTES_PER_DAY * MINUTE_MS;

export function isLocalDate(value: string): boolean {
  return LOCAL_DATE.test(value) && DateTime.fromISO(value, DATE_ONLY).isValid;
}

export function assertLocalDate(value: string, what: string): void {
  if (!isLocalDate(value)) throw new Error(`${what} "${value}" is not a valid date (expected YYYY-MM-DD)`);
}

/** Minutes after local midnight for 'HH:mm'; '24:00' is accepted so a window can run to midnight. */
export function parseClockTime(value: string, what: string): number {
  const total = clockMinutes(value);
  if (total === undefined) {
    throw new Error(`${what} "${value}" is not a valid time of day (expected HH:mm, 00:00–24:00)`);
  }
  return total;
}

/** Minutes after local midnight for 'HH:mm' (up to '24:00'), or undefined when it is not one. */
export function clockMinutes(value: string): number | undefined {
  const match = CLOCK_TIME.exec(value);
  const minutes = Number(match?.[2]);
  const total = Number(match?.[1]) * 60 + minutes;
  return match && minutes <= 59 && total <= MINUTES_PER_DAY ? total : undefined;
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

/** An instant as its local date and wall-clock time in `timeZone`; `at(date)` is that time on another date. */
export function wallTimeOf(instantMs: number, timeZone: string): { localDate: string; at(localDate: string): number } {
  const local = DateTime.fromMillis(instantMs, { zone: timeZone });
  const rest = local.second * 1000 + local.millisecond;
  return {
    localDate: local.toISODate() as string,
    at: (localDate) => wallClockInstant(localDate, local.hour * 60 + local.minute, timeZone) + rest,
  };
}

/**
 * The same wall-clock time `days` calendar days later in `timeZone` (negative: earlier): a window
 * of whole days across a DST change is 23 or 25 hours longer or shorter than days × 24 h. A time
 * that does not exist or repeats on the target day resolves as wallClockInstant does.
 */
export function addCalendarDays(instantMs: number, days: number, timeZone: string): number {
  const wall = wallTimeOf(instantMs, timeZone);
  return wall.at(DateTime.fromISO(wall.localDate, DATE_ONLY).plus({ days }).toISODate() as string);
}

/**
 * The instant at which the wall clock in `timeZone` shows `minuteOfDay` on `localDate`.
 * Built from wall-clock fields rather than by adding minutes to midnight, so 09:00 stays 09:00
 * on a day whose night was shortened or lengthened by DST.
 *
 * Around a DST change the wall time is read with the earlier offset, the one in force before the
 * change. A time inside the repeated hour of a fall-back night (01:30 in New York on 1 Nov 2026)
 * is its first occurrence, in summer time. A time skipped by a spring-forward gap (02:30 in New
 * York on 8 Mar 2026) is read as standard time, which lands as far after the gap as it was into
 * it (03:30 EDT), not at the end of the gap. luxon's `fromObject` is not used for this: it guesses
 * the offset from the date the code runs, so the repeated hour resolved differently in winter and
 * in summer.
 */
export function wallClockInstant(localDate: string, minuteOfDay: number, timeZone: string): number {
  const date = minuteOfDay === MINUTES_PER_DAY ? nextLocalDate(localDate) : localDate;
  const minutes = minuteOfDay % MINUTES_PER_DAY;
  const { year, month, day } = DateTime.fromISO(date, DATE_ONLY);
  const asUtc = Date.UTC(year, month - 1, day, Math.floor(minutes / 60), minutes % 60);
  const zone = IANAZone.create(timeZone);
  // DST changes are months apart, so the offsets a day either side are the two that can apply.
  const earlier = zone.offset(asUtc - DAY_MS);
  const later = zone.offset(asUtc + DAY_MS);
  for (const offset of [earlier, later]) {
    const instant = asUtc - offset * MINUTE_MS;
    if (zone.offset(instant) === offset) return instant;
  }
  return asUtc - earlier * MINUTE_MS;
}
