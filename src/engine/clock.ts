import type { Clock } from '../usecases/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/**
 * Sandbox and demo only: a clock that starts at `startAt` and runs `scale` times faster than
 * the wall clock (TPLUS_START_AT, TPLUS_TIME_SCALE).
 */
export function scaledClock({ startAt, scale, wallMs = Date.now }: { startAt?: Date; scale?: number; wallMs?: () => number }): Clock {
  const originWall = wallMs();
  const origin = startAt?.getTime() ?? originWall;
  const factor = scale ?? 1;
  return { now: () => new Date(origin + (wallMs() - originWall) * factor) };
}

/** A clock tests move by hand. */
export function manualClock(start: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => { current = at.getTime(); },
    advance: (ms) => { current += ms; },
  };
}
