import Holidays from 'date-holidays';
import type { CalendarSpec } from './types.ts';
import { assertLocalDate, nextLocalDate, yearOf } from './local-time.ts';
import { createYearlyRuleMatcher } from './yearly-rules.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Only date-holidays' 'public' holidays close the support desk. 'bank' is left out on purpose:
 * in the data it marks days when banks close, often only from the afternoon (in Germany Christmas
 * Eve and New Year's Eve from 14:00), and treating those as whole closed days would push SLA
 * deadlines back by a day the contract does not grant. A customer who does close on such a day
 * lists it under `dates`. 'optional', 'school' and 'observance' days are ordinary working days.
 */
const CLOSING_TYPES: ReadonlySet<string> = new Set(['public']);

type HolidaySpec = NonNullable<CalendarSpec['holidays']>;

/** Returns the holiday name for a local date, or undefined when the day is not a holiday. */
export type HolidayLookup = (localDate: string) => string | undefined;

export function createHolidayLookup(calendarId: string, spec: HolidaySpec | undefined): HolidayLookup {
  const extra = new Set(spec?.dates ?? []);
  const exclude = new Set(spec?.exclude ?? []);
  for (const date of extra) assertLocalDate(date, `Calendar "${calendarId}": holiday date`);
  for (const date of exclude) assertLocalDate(date, `Calendar "${calendarId}": excluded holiday date`);
  for (const date of extra) {
    if (exclude.has(date))
      throw new Error(`Calendar "${calendarId}": ${date} is listed both as a holiday date and as excluded`);
  }
  const official = spec?.country ? officialHolidays(calendarId, spec) : () => undefined;
  const rules = spec?.rules ?? [];
  const ruleOn = createYearlyRuleMatcher(rules, `Calendar "${calendarId}": holiday rule`);
  const closureName = `Closed (calendar ${calendarId})`;

  // `exclude` re-opens a day the country's holidays or a yearly rule would close; a literal date
  // cannot be both closed and excluded (checked above).
  const ruleName = (localDate: string): string | undefined => {
    const rule = ruleOn(localDate);
    return rule === undefined ? undefined : `Closed every year (${rules[rule]})`;
  };
  return (localDate) => {
    if (exclude.has(localDate)) return undefined;
    return official(localDate) ?? (extra.has(localDate) ? closureName : ruleName(localDate));
  };
}

function officialHolidays(calendarId: string, spec: HolidaySpec): HolidayLookup {
  const source = openHolidaySource(calendarId, spec);
  const byDate = new Map<string, string>();
  const loadedYears = new Set<number>();

  const load = (year: number): void => {
    if (loadedYears.has(year)) return;
    loadedYears.add(year);
    for (const holiday of source.getHolidays(year)) {
      if (!CLOSING_TYPES.has(holiday.type)) continue;
      // A public holiday closes the whole local day, and multi-day ones (e.g. Eid in several
      // countries) close each day they span.
      const days = Math.max(1, Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
      let date = holiday.date.slice(0, 10);
      for (let i = 0; i < days; i += 1, date = nextLocalDate(date)) {
        if (!byDate.has(date)) byDate.set(date, holiday.name);
      }
    }
  };

  return (localDate) => {
    const year = yearOf(localDate);
    // The previous year too: a multi-day holiday starting late in December runs into January.
    load(year - 1);
    load(year);
    return byDate.get(localDate);
  };
}

function openHolidaySource(calendarId: string, spec: HolidaySpec): Holidays {
  const where = `Calendar "${calendarId}"`;
  const country = (spec.country ?? '').toUpperCase();
  const state = spec.state?.toUpperCase();
  const region = spec.region?.toUpperCase();
  const catalogue = new Holidays();
  if (!Object.hasOwn(catalogue.getCountries(), country)) {
    throw new Error(
      `${where}: unknown holiday country "${spec.country}" (expected a date-holidays country code such as US or DE)`,
    );
  }
  if (region !== undefined && state === undefined) {
    throw new Error(`${where}: holiday region "${spec.region}" needs a state`);
  }
  if (state !== undefined && !Object.hasOwn(catalogue.getStates(country) ?? {}, state)) {
    throw new Error(`${where}: unknown holiday state "${spec.state}" for country ${country}`);
  }
  if (
    state !== undefined &&
    region !== undefined &&
    !Object.hasOwn(catalogue.getRegions(country, state) ?? {}, region)
  ) {
    throw new Error(`${where}: unknown holiday region "${spec.region}" for ${country}-${state}`);
  }
  const source =
    state === undefined
      ? new Holidays(country)
      : region === undefined
        ? new Holidays(country, state)
        : new Holidays(country, state, region);
  // Names appear on English ticket cards: prefer the country's own English variant ('Labor Day'
  // for the US) and fall back to plain English, which date-holidays has for every country.
  const english = source.getLanguages().filter((lang) => lang === 'en' || lang.startsWith('en-'));
  source.setLanguages(english.length > 0 ? english : ['en']);
  return source;
}
