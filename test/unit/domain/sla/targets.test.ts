import { describe, expect, it } from 'vitest';
import { describeTarget, FIRST_RESPONSE_TARGETS } from '../../../../src/domain/sla/index.ts';

describe('FIRST_RESPONSE_TARGETS', () => {
  it('match the contract for every tier and severity', () => {
    expect(FIRST_RESPONSE_TARGETS).toEqual({
      standard: {
        S1: { kind: 'business-minutes', minutes: 240 },
        S2: { kind: 'business-minutes', minutes: 480 },
        S3: { kind: 'business-days', days: 1 },
        S4: { kind: 'business-days', days: 3 },
      },
      'enterprise-premium': {
        S1: { kind: 'elapsed', minutes: 30 },
        S2: { kind: 'elapsed', minutes: 120 },
        S3: { kind: 'business-minutes', minutes: 240 },
        S4: { kind: 'business-days', days: 1 },
      },
    });
  });
});

describe('describeTarget', () => {
  it('words every contract target as a reader would say it', () => {
    const worded = (['standard', 'enterprise-premium'] as const).map((tier) =>
      (['S1', 'S2', 'S3', 'S4'] as const).map((s) => describeTarget(FIRST_RESPONSE_TARGETS[tier][s])),
    );
    expect(worded).toEqual([
      ['4 business hours', '8 business hours', '1 business day', '3 business days'],
      ['30 minutes, around the clock', '2 hours, around the clock', '4 business hours', '1 business day'],
    ]);
  });

  it('uses the singular for one unit and keeps minutes that are not whole hours', () => {
    expect(describeTarget({ kind: 'elapsed', minutes: 60 })).toBe('1 hour, around the clock');
    expect(describeTarget({ kind: 'elapsed', minutes: 1 })).toBe('1 minute, around the clock');
    expect(describeTarget({ kind: 'business-minutes', minutes: 90 })).toBe('90 business minutes');
    expect(describeTarget({ kind: 'business-minutes', minutes: 60 })).toBe('1 business hour');
  });
});
