import { describe, expect, it } from 'vitest';
import { firstResponseDueAt, minutesUntilDue, slaState } from '../../../../src/domain/sla/index.ts';
import type { BusinessDayDefinition } from '../../../../src/domain/calendar/index.ts';
import type { Severity, Tier } from '../../../../src/domain/types.ts';
import { at, usEast } from '../calendar/calendars.ts';

const due = (tier: Tier, severity: Severity, filedAt: string, businessDay: BusinessDayDefinition = 'hours'): string =>
  firstResponseDueAt({ filedAt: at(filedAt), tier, severity, calendar: usEast, businessDay }).toISOString();

describe('firstResponseDueAt for the standard tier', () => {
  it('gives S1 four business hours, carried over the weekend', () => {
    // Fri 27 Nov 2026 16:59 EST → Mon 30 Nov 12:59 EST.
    expect(due('standard', 'S1', '2026-11-27T21:59:00Z')).toBe('2026-11-30T17:59:00.000Z');
    // Sat 28 Nov → Mon 30 Nov 13:00 EST.
    expect(due('standard', 'S1', '2026-11-28T14:00:00Z')).toBe('2026-11-30T18:00:00.000Z');
  });

  it('gives S2 eight business hours', () => {
    // Tue 24 Nov 13:00 EST → Wed 25 Nov 13:00 EST.
    expect(due('standard', 'S2', '2026-11-24T18:00:00Z')).toBe('2026-11-25T18:00:00.000Z');
  });

  it('gives S3 one business day, skipping Thanksgiving', () => {
    // Wed 25 Nov 15:00 EST → Fri 27 Nov 15:00 EST.
    expect(due('standard', 'S3', '2026-11-25T20:00:00Z')).toBe('2026-11-27T20:00:00.000Z');
  });

  it('reads S3 and S4 business days as the same time on a later business day under next-day-same-time', () => {
    // Sat 28 Nov 10:00 EST: counting starts Mon 09:00. 'hours' gives 8 business hours (Mon 17:00),
    // next-day-same-time gives Tue 1 Dec 09:00, and three days Thu 3 Dec 09:00.
    expect(due('standard', 'S3', '2026-11-28T15:00:00Z', 'hours')).toBe('2026-11-30T22:00:00.000Z');
    expect(due('standard', 'S3', '2026-11-28T15:00:00Z', 'next-day-same-time')).toBe('2026-12-01T14:00:00.000Z');
    expect(due('standard', 'S4', '2026-11-28T15:00:00Z', 'next-day-same-time')).toBe('2026-12-03T14:00:00.000Z');
    // Business-hour targets do not change with the definition: S1 is still Mon 13:00.
    expect(due('standard', 'S1', '2026-11-28T15:00:00Z', 'next-day-same-time')).toBe('2026-11-30T18:00:00.000Z');
  });

  it('gives S4 three business days, skipping Thanksgiving', () => {
    // Mon 23 Nov 10:00 EST → Fri 27 Nov 10:00 EST.
    expect(due('standard', 'S4', '2026-11-23T15:00:00Z')).toBe('2026-11-27T15:00:00.000Z');
  });
});

describe('firstResponseDueAt for the enterprise-premium tier', () => {
  it('runs S1 and S2 around the clock, weekends included', () => {
    // Sat 28 Nov 03:00 EST → 03:30 and 05:00 EST.
    expect(due('enterprise-premium', 'S1', '2026-11-28T08:00:00Z')).toBe('2026-11-28T08:30:00.000Z');
    expect(due('enterprise-premium', 'S2', '2026-11-28T08:00:00Z')).toBe('2026-11-28T10:00:00.000Z');
  });

  it('counts absolute time across the US fall-back night', () => {
    // Sun 1 Nov 01:30 EDT + 30 minutes is 01:00 EST, not 02:00.
    expect(due('enterprise-premium', 'S1', '2026-11-01T05:30:00Z')).toBe('2026-11-01T06:00:00.000Z');
  });

  it('uses business time for S3 and S4', () => {
    // Sat 28 Nov → Mon 30 Nov 13:00 EST and 17:00 EST.
    expect(due('enterprise-premium', 'S3', '2026-11-28T08:00:00Z')).toBe('2026-11-30T18:00:00.000Z');
    expect(due('enterprise-premium', 'S4', '2026-11-28T08:00:00Z')).toBe('2026-11-30T22:00:00.000Z');
  });
});

describe('slaState', () => {
  const dueAt = at('2026-11-30T17:59:00Z');
  const offset = (ms: number): Date => new Date(dueAt.getTime() + ms);

  it('is met for a response up to and including the due instant', () => {
    expect(slaState({ dueAt, firstResponseAt: offset(-1), now: offset(5_000) })).toBe('met');
    expect(slaState({ dueAt, firstResponseAt: offset(0), now: offset(5_000) })).toBe('met');
  });

  it('is breached for a response one millisecond after the due instant', () => {
    expect(slaState({ dueAt, firstResponseAt: offset(1), now: offset(5_000) })).toBe('breached');
  });

  it('is running without a response until the due instant, then overdue', () => {
    expect(slaState({ dueAt, now: offset(-60_000) })).toBe('running');
    expect(slaState({ dueAt, firstResponseAt: null, now: offset(0) })).toBe('running');
    expect(slaState({ dueAt, firstResponseAt: null, now: offset(1) })).toBe('overdue');
  });
});

describe('minutesUntilDue', () => {
  const dueAt = at('2026-11-30T17:59:00Z');

  it('counts whole minutes left and goes negative once overdue', () => {
    expect(minutesUntilDue({ dueAt, now: at('2026-11-30T17:00:30Z') })).toBe(58);
    expect(minutesUntilDue({ dueAt, now: dueAt })).toBe(0);
    expect(minutesUntilDue({ dueAt, now: at('2026-11-30T17:59:00.001Z') })).toBe(-1);
  });
});
