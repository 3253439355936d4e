import { DateTime, IANAZone } from 'luxon';

/**
 * An instant as a reader in `timeZone` would write it, e.g. 'Mon 30 Nov 2026, 12:59 EST'. The zone
 * abbreviation is whatever Node's ICU gives for en-US; for zones without a common US abbreviation
 * that is an offset such as 'GMT+1'.
 */
export function formatInstantForReader(instant: Date, timeZone: string): string {
  if (!IANAZone.isValidZone(timeZone)) throw new Error(`Unknown time zone "${timeZone}"`);
  return DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-US').toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}
