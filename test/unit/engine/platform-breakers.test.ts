import { describe, expect, it } from 'vitest';
import { createPlatformBreakers } from '../../../src/engine/platform-breakers.ts';

const breakersWithBackoff = () => createPlatformBreakers({ threshold: 3, backoff: (trips) => 1000 * 2 ** trips });
const fail5xx = {};

describe('platform breakers', () => {
  it('lets the other items go on after a lone 5xx between successes', () => {
    const b = breakersWithBackoff();
    b.failed('slack', 0, fail5xx);
    b.failed('slack', 10, fail5xx);
    b.succeeded('slack');
    b.failed('slack', 20, fail5xx);
    b.failed('slack', 30, fail5xx);
    expect(b.isOpen('slack', 31)).toBe(false);
    expect(b.openAt(31)).toEqual([]);
  });

  it('opens after three transient failures in a row, until just the backoff has passed', () => {
    const b = breakersWithBackoff();
    for (const at of [0, 10, 20]) b.failed('slack', at, fail5xx);
    expect(b.isOpen('slack', 20 + 1999)).toBe(true);
    expect(b.openAt(20 + 1999)).toEqual(['slack']);
    expect(b.isOpen('slack', 20 + 2000)).toBe(false);
  });

  it('waits twice as long when the first call after reopening fails too, and closes on a success', () => {
    const b = breakersWithBackoff();
    for (const at of [0, 10, 20]) b.failed('slack', at, fail5xx);
    b.failed('slack', 2020, fail5xx);
    expect(b.isOpen('slack', 2020 + 3999)).toBe(true);
    expect(b.isOpen('slack', 2020 + 4000)).toBe(false);
    b.succeeded('slack');
    b.failed('slack', 7000, fail5xx);
    expect(b.isOpen('slack', 7001)).toBe(false);
  });

  it('does not stretch an open breaker when calls already in flight fail during it', () => {
    const b = breakersWithBackoff();
    for (const at of [0, 10, 20]) b.failed('slack', at, fail5xx);
    b.failed('slack', 500, fail5xx);
    expect(b.isOpen('slack', 2020)).toBe(false);
  });

  it('waits exactly the Retry-After of a 429, from the first one, and no longer', () => {
    const b = breakersWithBackoff();
    b.failed('slack', 100, { retryAfterMs: 1000 });
    expect(b.isOpen('slack', 1099)).toBe(true);
    expect(b.isOpen('slack', 1100)).toBe(false);
    b.failed('slack', 1100, { retryAfterMs: 1000 });
    b.failed('slack', 2100, { retryAfterMs: 1000 });
    expect(b.isOpen('slack', 3099)).toBe(true);
    expect(b.isOpen('slack', 3100)).toBe(false);
  });

  it('keeps each platform apart', () => {
    const b = breakersWithBackoff();
    b.failed('pagerduty', 0, { retryAfterMs: 5000 });
    expect(b.openAt(1)).toEqual(['pagerduty']);
    expect(b.isOpen('slack', 1)).toBe(false);
  });
});
