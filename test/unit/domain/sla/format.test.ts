import { describe, expect, it } from 'vitest';
import { formatInstantForReader } from '../../../../src/domain/sla/index.ts';

describe('formatInstantForReader', () => {
  it('writes New York times with EST or EDT', () => {
    expect(formatInstantForReader(new Date('2026-11-30T17:59:00Z'), 'America/New_York')).toBe(
      'Mon 30 Nov 2026, 12:59 EST',
    );
    expect(formatInstantForReader(new Date('2026-03-09T16:00:00Z'), 'America/New_York')).toBe(
      'Mon 9 Mar 2026, 12:00 EDT',
    );
  });

  it('names European zones as Europeans do (CET/CEST, GMT/BST), not as a GMT offset', () => {
    expect(formatInstantForReader(new Date('2026-11-30T17:59:00Z'), 'Europe/Berlin')).toBe(
      'Mon 30 Nov 2026, 18:59 CET',
    );
    expect(formatInstantForReader(new Date('2026-03-30T10:00:00Z'), 'Europe/Berlin')).toBe(
      'Mon 30 Mar 2026, 12:00 CEST',
    );
    expect(formatInstantForReader(new Date('2026-07-01T10:00:00Z'), 'Europe/London')).toBe('Wed 1 Jul 2026, 11:00 BST');
  });

  it('falls back to the offset for zones without a common English abbreviation', () => {
    expect(formatInstantForReader(new Date('2026-11-30T17:59:00Z'), 'Asia/Kolkata')).toBe(
      'Mon 30 Nov 2026, 23:29 GMT+5:30',
    );
  });

  it('uses the local date, which can differ from the UTC date', () => {
    expect(formatInstantForReader(new Date('2026-12-01T02:30:00Z'), 'America/New_York')).toBe(
      'Mon 30 Nov 2026, 21:30 EST',
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => formatInstantForReader(new Date('2026-11-30T17:59:00Z'), 'Mars/Base')).toThrow(
      /Unknown time zone "Mars\/Base"/,
    );
  });
});
