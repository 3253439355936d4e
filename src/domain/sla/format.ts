import { DateTime, IANAZone } from 'luxon';

/**
 * An instant as a reader in `timeZone` would write it, e.g. 'Mon 30 Nov 2026, 12:59 EST' or
 * 'Mon 30 Nov 2026, 18:59 CET'. ICU's en-US names only American zones and prints 'GMT+1' for
 * Berlin, while en-GB names European ones: the first locale that yields a name wins, else the offset.
 */
export function formatInstantForReader(instant: Date, timeZone: string): string {
  if (!validZones.has(timeZone)) {
    if (!IANAZone.isValidZone(timeZone)) throw new Error(`Unknown time zone "${timeZone}"`);
    validZones.add(timeZone);
  }
  const local = DateTime.fromJSDate(instant, { zone: timeZone }).setLocale('en-US');
  return `${local.toFormat('ccc d LLL yyyy, HH:mm')} ${zoneName(local)}`;
}

const ZONE_NAME_LOCALES = ['en-US', 'en-GB'] as const;

// Every card and reply formats a deadline: asking ICU for a zone's name (and whether the zone
// exists) costs more than the rest of the formatting, and the answer depends only on the zone
// and its offset at the instant, so both are remembered.
const validZones = new Set<string>();
const zoneNames = new Map<string, string>();

function zoneName(local: DateTime): string {
  const key = `${local.zoneName}@${local.offset}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name =
      ZONE_NAME_LOCALES.map((locale) => local.setLocale(locale).toFormat('ZZZZ')).find(
        (n) => !/^(GMT|UTC)[+-]/.test(n),
      ) ?? local.toFormat('ZZZZ');
    zoneNames.set(key, name);
  }
  return name;
}
