import { describe, expect, it } from 'vitest';
import { decideDueTime, reasonsFor, termsText, type DueTimeTerms } from '../../../src/domain/due-times/index.ts';
import { DE_BERLIN, US_EAST } from './calendar/calendars.ts';

const NOW = new Date('2026-12-03T11:00:00Z');
const ms = (offset: number) => new Date(NOW.getTime() + offset);

describe('decideDueTime at the restart', () => {
  it('leaves a deadline that passed, even by a millisecond', () => {
    expect(decideDueTime({ from: ms(-1), to: ms(3_600_000), now: NOW })).toBe('passed');
  });
  it('may still move a deadline due at the restart itself, which is on time', () => {
    expect(decideDueTime({ from: NOW, to: ms(1), now: NOW })).toBe('move');
  });
  it('moves an open deadline to a later or earlier time still ahead', () => {
    expect(decideDueTime({ from: ms(1), to: ms(86_400_000), now: NOW })).toBe('move');
    expect(decideDueTime({ from: ms(86_400_000), to: ms(1), now: NOW })).toBe('move');
    expect(decideDueTime({ from: ms(86_400_000), to: NOW, now: NOW })).toBe('move');
  });
  it('keeps one the new terms would put in the past, and ignores an unchanged one', () => {
    expect(decideDueTime({ from: ms(86_400_000), to: ms(-1), now: NOW })).toBe('would-be-past');
    expect(decideDueTime({ from: ms(5), to: ms(5), now: NOW })).toBe('unchanged');
  });
});

describe('reasonsFor', () => {
  const terms: DueTimeTerms = {
    calendars: { 'us-east': US_EAST, 'de-berlin': DE_BERLIN },
    customerCalendars: { acme: 'us-east', globex: 'de-berlin' },
    businessDay: 'hours',
    deadlinesFrom: 'incident-start',
    followUps: { timelineHours: 4, postmortemHours: 48, executiveSummaryHours: 48, rcaBusinessDays: 5 },
  };

  it('finds nothing when only the order of keys differs', () => {
    const reordered = JSON.parse(
      JSON.stringify({ ...terms, calendars: { 'de-berlin': DE_BERLIN, 'us-east': US_EAST } }),
    );
    expect(termsText(reordered)).toBe(termsText(terms));
    expect(reasonsFor(terms, reordered, 'acme', 'follow-up')).toEqual([]);
  });

  it('names the calendar of the customer that changed, and no one else’s', () => {
    const after = { ...terms, calendars: { ...terms.calendars, 'de-berlin': { ...DE_BERLIN, dates: [] } } };
    expect(reasonsFor(terms, after, 'globex', 'ticket')).toEqual(['calendar de-berlin changed']);
    expect(reasonsFor(terms, after, 'acme', 'ticket')).toEqual([]);
    expect(reasonsFor(terms, after, '', 'follow-up')).toEqual([]);
    const moved = { ...terms, customerCalendars: { ...terms.customerCalendars, acme: 'de-berlin' } };
    expect(reasonsFor(terms, moved, 'acme', 'ticket')).toEqual(['customer acme now uses calendar de-berlin']);
  });

  it('applies the business-day definition to tickets and follow-ups, the anchor and hours to follow-ups only', () => {
    const after: DueTimeTerms = {
      ...terms,
      businessDay: 'next-day-same-time',
      deadlinesFrom: 'resolution',
      followUps: { ...terms.followUps, timelineHours: 6 },
    };
    expect(reasonsFor(terms, after, 'acme', 'ticket')).toEqual([
      'contract.businessDay changed from hours to next-day-same-time',
    ]);
    expect(reasonsFor(terms, after, '', 'follow-up')).toEqual([
      'contract.businessDay changed from hours to next-day-same-time',
      'documents.deadlinesFrom changed from incident-start to resolution',
      'contract.followUps changed',
    ]);
  });
});
