export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Local wall-clock times 'HH:mm'; `end` may be '24:00' for a window that runs to midnight. */
export interface HoursWindow {
  start: string;
  end: string;
}

/** Working windows per weekday; a weekday left out (or given no windows) is closed. */
export type WeeklyHours = Partial<Record<Weekday, readonly HoursWindow[]>>;

/**
 * Hours of one date (`date`, 'YYYY-MM-DD') or of a date every year (`rule`, date-holidays' rule
 * syntax such as '12-24'); no windows closes the day.
 */
export interface DateHours {
  date?: string;
  rule?: string;
  hours: readonly HoursWindow[];
}

/** How a customer's contract defines business time; mirrors the `calendars` entries in the config file. */
export interface CalendarSpec {
  id: string;
  /** IANA zone, e.g. 'America/New_York'. */
  timeZone: string;
  /** Legacy form only: ISO weekdays (1 = Monday … 7 = Sunday) that share one `workingHours` window. */
  workingDays?: number[];
  /** One window for every working day (legacy form) or windows per weekday. */
  workingHours: HoursWindow | WeeklyHours;
  /** Hours that replace a weekday's on single dates or yearly dates (half days, extra closed days). */
  dates?: readonly DateHours[];
  holidays?: {
    /** date-holidays country code, e.g. 'US'. */
    country?: string;
    state?: string;
    region?: string;
    /** Extra closed days, 'YYYY-MM-DD' in the calendar's zone. */
    dates?: string[];
    /** Extra closed days every year, in date-holidays' rule syntax ('12-24', '12-31'). */
    rules?: string[];
    /** Days that stay open even though date-holidays lists a public holiday on them. */
    exclude?: string[];
  };
}

/** One business window of a local day, in minutes after local midnight (`end` may be 1440). */
export interface DayWindow {
  start: number;
  end: number;
}

/** A local day's business hours and, when they differ from its weekday's, why. */
export interface CalendarDay {
  /** Sorted and not overlapping; empty when the day is closed. */
  hours: readonly DayWindow[];
  /** A holiday name, or which `dates` entry set the hours; absent on an ordinary day. */
  note?: string;
}

/**
 * What "N business days" means: `hours` is N regular working days' worth of business time;
 * `next-day-same-time` is the same wall-clock time on the N-th next business day.
 */
export const BUSINESS_DAY_DEFINITIONS = ['hours', 'next-day-same-time'] as const;
export type BusinessDayDefinition = (typeof BUSINESS_DAY_DEFINITIONS)[number];

export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  /** Business minutes of a regular working day: what one business day is worth under `hours`. */
  readonly minutesPerBusinessDay: number;
  /** The regular windows of an ISO weekday (1 = Monday … 7 = Sunday). */
  weekdayHours(isoWeekday: number): readonly DayWindow[];
  /** `localDate` is 'YYYY-MM-DD' in the calendar's zone. */
  dayOf(localDate: string): CalendarDay;
  isBusinessDay(localDate: string): boolean;
  holidayName(localDate: string): string | undefined;
  isWithinBusinessHours(instant: Date): boolean;
}
