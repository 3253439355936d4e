import { buildBusinessCalendar, type CalendarSpec } from '../../../../src/domain/calendar/index.ts';

const weekdaysNineToFive = { workingDays: [1, 2, 3, 4, 5], workingHours: { start: '09:00', end: '17:00' } };

export const US_EAST: CalendarSpec = {
  id: 'us-east',
  timeZone: 'America/New_York',
  ...weekdaysNineToFive,
  holidays: { country: 'US' },
};
export const DE_BERLIN: CalendarSpec = {
  id: 'de-berlin',
  timeZone: 'Europe/Berlin',
  ...weekdaysNineToFive,
  holidays: { country: 'DE', state: 'BE' },
};

export const usEast = buildBusinessCalendar(US_EAST);
export const deBerlin = buildBusinessCalendar(DE_BERLIN);

export const at = (iso: string): Date => new Date(iso);
