/** How a customer's contract defines business time; mirrors the `calendars` entries in the config file. */
export interface CalendarSpec {
  id: string;
  /** IANA zone, e.g. 'America/New_York'. */
  timeZone: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  workingDays: number[];
  /** Local wall-clock times 'HH:mm'; `end` may be '24:00' for a day that runs to midnight. */
  workingHours: { start: string; end: string };
  holidays?: {
    /** date-holidays country code, e.g. 'US'. */
    country?: string;
    state?: string;
    region?: string;
    /** Extra closed days, 'YYYY-MM-DD' in the calendar's zone. */
    dates?: string[];
    /** Days that stay open even though date-holidays lists a public holiday on them. */
    exclude?: string[];
  };
}

export interface BusinessCalendar {
  readonly id: string;
  readonly timeZone: string;
  readonly workingDays: readonly number[];
  readonly workingHours: { readonly start: string; readonly end: string };
  /** `localDate` is 'YYYY-MM-DD' in the calendar's zone. */
  isBusinessDay(localDate: string): boolean;
  holidayName(localDate: string): string | undefined;
  isWithinBusinessHours(instant: Date): boolean;
}
