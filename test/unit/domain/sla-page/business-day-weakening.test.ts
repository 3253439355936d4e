import { describe, expect, it } from 'vitest';
import { diffSla, isWeakening, isWeakeningChange } from '../../../../src/domain/sla-page/index.ts';
import { exampleSlaContent } from '../../../support/sla-content.ts';

const base = exampleSlaContent();

describe('the business-day definition and the follow-up anchor on the SLA', () => {
  it('are part of the content, so changing them makes a new version', () => {
    const next = exampleSlaContent((c) => {
      c.contract.businessDay = 'next-day-same-time';
      c.documents.deadlinesFrom = 'resolution';
    });
    expect(diffSla(base, next)).toEqual([
      { path: 'businessDay', before: 'hours', after: 'next-day-same-time' },
      { path: 'followUps.countedFrom', before: 'incident-start', after: 'resolution' },
    ]);
    expect(isWeakening(diffSla(base, next))).toBe(true);
    expect(isWeakening(diffSla(next, base))).toBe(true);
  });

  it('weaken only when the deadlines start later (from the resolution)', () => {
    const change = (before: unknown, after: unknown) =>
      isWeakeningChange({ path: 'followUps.countedFrom', before, after });
    expect(change('incident-start', 'resolution')).toBe(true);
    expect(change('resolution', 'incident-start')).toBe(false);
    // A version from before the page stated the anchor counted from the resolution.
    expect(change(null, 'incident-start')).toBe(false);
    expect(change(null, 'resolution')).toBe(false);
  });

  it('treat any switch of the business-day definition as weakening, but not stating the old one', () => {
    const change = (before: unknown, after: unknown) => isWeakeningChange({ path: 'businessDay', before, after });
    expect(change('hours', 'next-day-same-time')).toBe(true);
    expect(change('next-day-same-time', 'hours')).toBe(true);
    expect(change(null, 'hours')).toBe(false);
    expect(change(null, 'next-day-same-time')).toBe(true);
  });
});
