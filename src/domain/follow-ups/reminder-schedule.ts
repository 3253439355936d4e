import { addBusinessDays, businessMinutesBetween, type BusinessCalendar } from '../calendar/index.ts';

/** before-24h | before-2h | due | overdue-<n> */
export type ReminderKind = string;

export interface PlannedReminder {
  kind: ReminderKind;
  dueAt: Date;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The latest instant from which `minutes` of business time remain until `to`: 2 business hours
 * before Friday 10:00 (working hours 09:00–17:00) is Thursday 16:00. Found by bisection, since
 * business time only grows as the start moves earlier.
 */
export function subtractBusinessMinutes(calendar: BusinessCalendar, to: Date, minutes: number): Date {
  if (minutes <= 0) return to;
  let early = to.getTime() - 60 * DAY_MS;
  while (businessMinutesBetween(calendar, new Date(early), to) < minutes) early -= 60 * DAY_MS;
  let late = to.getTime();
  // Invariant: from `early` there is enough business time, from `late` not.
  while (late - early > 1) {
    const mid = Math.floor((early + late) / 2);
    if (businessMinutesBetween(calendar, new Date(mid), to) >= minutes) early = mid;
    else late = mid;
  }
  return new Date(early);
}

/**
 * Reminders of a deadline: 24 h and 2 h before (business hours in `calendar` when the deadline
 * is counted in business days), at the due time, and the first overdue one a day later. Those
 * already past at `now` (e.g. 24 h before a timeline due 4 h after resolution) are left out.
 */
export function planReminders({
  dueAt,
  calendar,
  now,
}: {
  dueAt: Date;
  calendar?: BusinessCalendar;
  now: Date;
}): PlannedReminder[] {
  const before = (hours: number) =>
    calendar ? subtractBusinessMinutes(calendar, dueAt, hours * 60) : new Date(dueAt.getTime() - hours * HOUR_MS);
  return [
    { kind: 'before-24h', dueAt: before(24) },
    { kind: 'before-2h', dueAt: before(2) },
    { kind: 'due', dueAt },
    nextOverdueReminder({ dueAt, ...(calendar ? { calendar } : {}), n: 1 }),
  ].filter((r) => r.dueAt.getTime() > now.getTime());
}

/** The n-th daily reminder after a missed deadline: n days (business days in `calendar`) after it. */
export function nextOverdueReminder({
  dueAt,
  calendar,
  n,
}: {
  dueAt: Date;
  calendar?: BusinessCalendar;
  n: number;
}): PlannedReminder {
  const at = calendar ? addBusinessDays(calendar, dueAt, n) : new Date(dueAt.getTime() + n * DAY_MS);
  return { kind: `overdue-${n}`, dueAt: at };
}

/** Which overdue reminder this is (0 for the ones before or at the due time). */
export function overdueNumber(kind: ReminderKind): number {
  const match = /^overdue-(\d+)$/.exec(kind);
  return match ? Number(match[1]) : 0;
}

/** Whether a reminder of this kind goes out once the deadline is missed, so the manager hears of it too. */
export const isPastDue = (kind: ReminderKind): boolean => kind === 'due' || overdueNumber(kind) > 0;
