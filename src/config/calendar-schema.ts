import { z } from 'zod';
import {
  findWindowProblem,
  isLocalDate,
  WEEKDAYS,
  yearlyRuleProblem,
  type HoursWindow,
  type Weekday,
  type WeeklyHours,
} from '../domain/calendar/index.ts';

const localDate = z
  .string()
  .refine(isLocalDate, { error: (issue) => `"${String(issue.input)}" is not a date YYYY-MM-DD` });
// 24:00 passes here so that a window starting at it is refused with its own reason below.
const clockTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:mm (00:00–24:00)');
const yearlyRule = z.string().superRefine((rule, ctx) => {
  const problem = yearlyRuleProblem(rule);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const ZWindow = z.strictObject({ start: clockTime, end: clockTime });

/** '09:00-12:00, 13:00-17:00' → windows; 'closed' or '' → none. Anything else is left to the schema. */
function compactWindows(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  if (text === '' || text === 'closed') return [];
  return text.split(',').map((part) => {
    const [start = '', end = ''] = part.split('-').map((s) => s.trim());
    return { start, end };
  });
}

/** One day's windows, as a list of {start, end} or the compact string; they must not overlap. */
const ZWindows = z.preprocess(
  compactWindows,
  z.array(ZWindow).superRefine((windows, ctx) => {
    const problem = findWindowProblem(windows);
    if (problem)
      ctx.addIssue({
        code: 'custom',
        path: problem.field ? [problem.index, problem.field] : [problem.index],
        message: problem.message,
      });
  }),
);

const WEEKDAY_KEY = new RegExp(`^(${WEEKDAYS.join('|')})(?:-(${WEEKDAYS.join('|')}))?$`);

/** `{ mon-thu: '09:00-17:00', fri: [...] }` → one entry per weekday; a weekday given twice is an error. */
const ZWeek = z.record(z.string(), ZWindows).transform((byKey, ctx) => {
  const week: Record<string, HoursWindow[]> = {};
  const givenBy = new Map<Weekday, string>();
  let isEveryKeyKnown = true;
  for (const [key, windows] of Object.entries(byKey)) {
    const match = WEEKDAY_KEY.exec(key);
    const from = WEEKDAYS.indexOf(match?.[1] as Weekday);
    const to = match?.[2] ? WEEKDAYS.indexOf(match[2] as Weekday) : from;
    if (!match || to < from) {
      isEveryKeyKnown = false;
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `"${key}" is not a weekday (expected ${WEEKDAYS.join(', ')} or a range such as mon-fri)`,
      });
      continue;
    }
    for (const day of WEEKDAYS.slice(from, to + 1)) {
      const earlier = givenBy.get(day);
      if (earlier !== undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `${day} is already given by "${earlier}"` });
      givenBy.set(day, key);
      week[day] = windows;
    }
  }
  if (isEveryKeyKnown && Object.values(week).every((windows) => windows.length === 0))
    ctx.addIssue({ code: 'custom', message: 'opens no weekday, so there is no business time at all' });
  return week as WeeklyHours;
});

const ZSingleWindow = ZWindow.superRefine((w, ctx) => {
  const problem = findWindowProblem([w]);
  if (problem) ctx.addIssue({ code: 'custom', path: problem.field ? [problem.field] : [], message: problem.message });
});

/** The legacy `{start, end}` (with `workingDays`) or the per-weekday form, told apart by their keys. */
const ZWorkingHours = z.unknown().transform((value, ctx) => {
  const isSingle = typeof value === 'object' && value !== null && ('start' in value || 'end' in value);
  const result = (isSingle ? ZSingleWindow : ZWeek).safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

const ZDateHours = z
  .strictObject({ date: localDate.optional(), rule: yearlyRule.optional(), hours: ZWindows })
  .refine((d) => (d.date === undefined) !== (d.rule === undefined), 'needs exactly one of date and rule');

export const ZCalendar = z
  .object({
    id: z.string().min(1),
    timeZone: z.string().min(1),
    /** Legacy: ISO weekdays sharing the one `workingHours` window (Mon–Fri when left out). */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).optional(),
    workingHours: ZWorkingHours.default({ start: '09:00', end: '17:00' }),
    dates: z.array(ZDateHours).default([]),
    holidays: z
      .object({
        country: z.string().length(2).optional(),
        state: z.string().optional(),
        region: z.string().optional(),
        dates: z.array(localDate).default([]),
        rules: z.array(yearlyRule).default([]),
        exclude: z.array(localDate).default([]),
      })
      .default({ dates: [], rules: [], exclude: [] }),
  })
  .superRefine((calendar, ctx) => {
    const isWeekly = !('start' in calendar.workingHours);
    if (isWeekly && calendar.workingDays !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays'],
        message: 'cannot be combined with per-weekday workingHours (the weekdays listed there are the working days)',
      });
    const seen = new Map<string, number>();
    calendar.dates.forEach((entry, i) => {
      if (entry.date === undefined) return;
      const earlier = seen.get(entry.date);
      if (earlier !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['dates', i, 'date'],
          message: `${entry.date} is already given in dates.${earlier}`,
        });
      seen.set(entry.date, i);
    });
  });

export type CalendarConfig = z.infer<typeof ZCalendar>;
