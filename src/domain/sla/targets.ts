import type { Severity, Tier } from '../types.ts';

/**
 * How long the first response may take. 'elapsed' runs around the clock; the business kinds
 * count only the customer's business time (see the calendar module).
 */
export type ResponseTarget =
  | { kind: 'elapsed'; minutes: number }
  | { kind: 'business-minutes'; minutes: number }
  | { kind: 'business-days'; days: number };

const elapsed = (minutes: number): ResponseTarget => ({ kind: 'elapsed', minutes });
const businessHours = (hours: number): ResponseTarget => ({ kind: 'business-minutes', minutes: hours * 60 });
const businessDays = (days: number): ResponseTarget => ({ kind: 'business-days', days });

/** First-response targets as written in the support contracts. */
export const FIRST_RESPONSE_TARGETS: Readonly<Record<Tier, Readonly<Record<Severity, ResponseTarget>>>> = {
  standard: { S1: businessHours(4), S2: businessHours(8), S3: businessDays(1), S4: businessDays(3) },
  'enterprise-premium': { S1: elapsed(30), S2: elapsed(120), S3: businessHours(4), S4: businessDays(1) },
};

/** Wording for cards and the doctor output, e.g. '4 business hours' or '30 minutes, around the clock'. */
export function describeTarget(target: ResponseTarget): string {
  switch (target.kind) {
    case 'elapsed':
      return `${duration(target.minutes, '')}, around the clock`;
    case 'business-minutes':
      return duration(target.minutes, 'business ');
    case 'business-days':
      return count(target.days, 'business day');
  }
}

// Whole hours read better than '240 minutes'; anything else stays in minutes so nothing is rounded away.
function duration(minutes: number, qualifier: string): string {
  return minutes > 0 && minutes % 60 === 0
    ? count(minutes / 60, `${qualifier}hour`)
    : count(minutes, `${qualifier}minute`);
}

function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
