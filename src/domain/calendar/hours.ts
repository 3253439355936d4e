import { clockMinutes, MINUTES_PER_DAY, parseClockTime } from './local-time.ts';
import { WEEKDAYS, type CalendarSpec, type DayWindow, type HoursWindow, type WeeklyHours } from './types.ts';

/** What is wrong with one day's windows: the window (by its index as written) and its field. */
export interface WindowProblem {
  index: number;
  field?: 'start' | 'end';
  message: string;
}

/**
 * The first reason a day's windows cannot be used, or undefined: each must end after it starts
 * (only an end may be 24:00) and no two may overlap. Windows that touch (12:00–13:00 and
 * 13:00–17:00) are fine. A window whose times are not HH:mm is left out: the schema reports those.
 */
export function findWindowProblem(windows: readonly HoursWindow[]): WindowProblem | undefined {
  const parsed = windows.flatMap((w, index) => {
    const start = clockMinutes(w.start);
    const end = clockMinutes(w.end);
    return start === undefined || end === undefined ? [] : [{ index, w, start, end }];
  });
  for (const { index, w, start, end } of parsed) {
    if (start === MINUTES_PER_DAY) return { index, field: 'start', message: 'a window cannot start at 24:00' };
    if (end <= start) return { index, field: 'end', message: `end ${w.end} is not after start ${w.start}` };
  }
  const sorted = [...parsed].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i += 1) {
    const before = sorted[i - 1] as (typeof sorted)[number];
    const after = sorted[i] as (typeof sorted)[number];
    if (after.start < before.end) {
      return {
        index: Math.max(before.index, after.index),
        message: `${after.w.start}–${after.w.end} overlaps ${before.w.start}–${before.w.end}`,
      };
    }
  }
  return undefined;
}

/** Checked windows in minutes, sorted; throws an Error naming `what` and the problem. */
export function toDayWindows(windows: readonly HoursWindow[], what: string): DayWindow[] {
  const parsed = windows.map((w) => toMinutes(w, what));
  const problem = findWindowProblem(windows);
  if (problem) throw new Error(`${what}: ${problem.message}`);
  return parsed.sort((a, b) => a.start - b.start);
}

/** The ISO weekday's regular windows (index 1 = Monday … 7 = Sunday; index 0 is unused). */
export function weekOf(spec: CalendarSpec, where: string): DayWindow[][] {
  const week: DayWindow[][] = Array.from({ length: 8 }, () => []);
  const hours = spec.workingHours;
  if (isSingleWindow(hours)) {
    const days = spec.workingDays ?? [1, 2, 3, 4, 5];
    if (days.length === 0) throw new Error(`${where}: workingDays is empty, so there is no business time at all`);
    const windows = toDayWindows([hours], `${where}: working hours`);
    for (const day of days) {
      if (!Number.isInteger(day) || day < 1 || day > 7)
        throw new Error(`${where}: working day ${day} is not an ISO weekday (1 = Monday … 7 = Sunday)`);
      week[day] = windows;
    }
    return week;
  }
  if (spec.workingDays !== undefined)
    throw new Error(
      `${where}: workingDays cannot be combined with per-weekday workingHours (the weekdays listed there work)`,
    );
  for (const key of Object.keys(hours)) {
    if (!(WEEKDAYS as readonly string[]).includes(key))
      throw new Error(`${where}: unknown weekday "${key}" in workingHours (expected ${WEEKDAYS.join(', ')})`);
  }
  WEEKDAYS.forEach((day, i) => {
    week[i + 1] = toDayWindows(hours[day] ?? [], `${where}: working hours on ${day}`);
  });
  if (week.every((windows) => windows.length === 0))
    throw new Error(`${where}: workingHours opens no weekday, so there is no business time at all`);
  return week;
}

/**
 * What one business day is worth under the `hours` definition: the most common length of a
 * working weekday (Mon–Thu 8 h and Fri 6 h make 8 h), the longer one on a tie.
 */
export function regularDayMinutes(week: readonly (readonly DayWindow[])[]): number {
  const counts = new Map<number, number>();
  for (const windows of week.slice(1)) {
    const minutes = minutesOf(windows);
    if (minutes > 0) counts.set(minutes, (counts.get(minutes) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [minutes, count] of counts) {
    if (count > bestCount || (count === bestCount && minutes > best)) [best, bestCount] = [minutes, count];
  }
  return best;
}

/** Total business minutes of a day's windows. */
export const minutesOf = (windows: readonly DayWindow[]): number =>
  windows.reduce((sum, w) => sum + w.end - w.start, 0);

function isSingleWindow(hours: HoursWindow | WeeklyHours): hours is HoursWindow {
  return 'start' in hours || 'end' in hours;
}

function toMinutes(w: HoursWindow, what: string): DayWindow {
  return { start: parseClockTime(w.start, `${what} start`), end: parseClockTime(w.end, `${what} end`) };
}
