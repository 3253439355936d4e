/**
 * When a platform's other outbox items wait instead of being tried. A platform that says when to
 * come back (429 with Retry-After) is left alone for exactly that long: Slack's own client pauses
 * its whole queue for it, and waiting longer only delays cards. Other transient failures (5xx,
 * network, timeout) open the breaker only after `threshold` in a row: one 5xx among successes is a
 * hiccup, retried on its own item's backoff, while a platform that fails every call is down and
 * should not be hammered (each reopening that fails again waits twice as long).
 */
export interface PlatformBreakers {
  /** The platforms whose items must wait at `nowMs`. */
  openAt(nowMs: number): string[];
  isOpen(platform: string, nowMs: number): boolean;
  /** When the platform's items may be tried again (0 when it is not open). */
  openUntil(platform: string): number;
  succeeded(platform: string): void;
  failed(platform: string, nowMs: number, failure: { retryAfterMs?: number }): void;
}

interface BreakerState {
  /** Transient failures since the last success. */
  failures: number;
  /** Times it opened since the last success, for the backoff. */
  trips: number;
  openUntil: number;
}

export function createPlatformBreakers({
  threshold = 3,
  backoff,
}: {
  threshold?: number;
  /** The pause after the `trips`-th opening in a row. */
  backoff: (trips: number) => number;
}): PlatformBreakers {
  const states = new Map<string, BreakerState>();
  const isOpen = (platform: string, nowMs: number) => (states.get(platform)?.openUntil ?? 0) > nowMs;
  return {
    openAt: (nowMs) => [...states.keys()].filter((platform) => isOpen(platform, nowMs)),
    isOpen,
    openUntil: (platform) => states.get(platform)?.openUntil ?? 0,
    succeeded(platform) {
      states.delete(platform);
    },
    failed(platform, nowMs, { retryAfterMs }) {
      const state = states.get(platform) ?? { failures: 0, trips: 0, openUntil: 0 };
      state.failures += 1;
      if (retryAfterMs !== undefined) {
        state.openUntil = Math.max(state.openUntil, nowMs + retryAfterMs);
      } else if (state.failures >= threshold && !isOpen(platform, nowMs)) {
        state.trips += 1;
        state.openUntil = nowMs + backoff(state.trips);
      }
      states.set(platform, state);
    },
  };
}
