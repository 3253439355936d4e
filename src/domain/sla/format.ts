import { DateTime, IANAZone } from 'luxon';

/**
 * An instant as a reader in `timeZone` would write it, e.g. 'Mon 30 Nov 2026, 12:59 EST' or
 * 'Mon 30 Nov 2026, 18:59 CET'. ICU's en-US names only American zones and prints 'GMT+1' for
 * Berlin, while en-GB names European ones: the first locale that yields a name wins, else the offset.
 */
export function formatInstantForReader(instant: Date, timeZone: string): string {
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`Unknown time zone "${timeZone}"`);
  const local = DateTime.fromJSDate(instant, { zone: timeZone });
  const zoneName = ZONE_NAME_LOCALES.map((locale) => local.setLocale(locale).toFormat('ZZZZ')).find(
    (name) => !/^(GMT|UTC)[+-]/.test(name),
  );
  return `${local.setLocale('en-US').toFormat('ccc d LLL yyyy, HH:mm')} ${zoneName ?? local.setLocale('en-US').toFormat('ZZZZ')}`;
}

const ZONE_NAME_LOCALES = ['en-US', 'en-GB'] as const;
