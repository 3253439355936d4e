import type { Clock } from '../usecases/ports.ts';

export const systemClock: Clock = { now: () => new Date() };

/**
 * Sandbox and demo only: a clock that reads `startAt` at the wall-clock instant `anchorWallMs`
 * (default: now) and runs `scale` times faster than the wall clock (TPLUS_START_AT,
 * TPLUS_TIME_SCALE, TPLUS_CLOCK_ANCHOR). A shared anchor keeps fake time continuous across restarts.
 */
export function scaledClock({
  startAt,
  scale,
  wallMs = Date.now,
  anchorWallMs,
}: {
  startAt?: Date;
  scale?: number;
  wallMs?: () => number;
  anchorWallMs?: number;
}): Clock {
  const originWall = anchorWallMs ?? wallMs();
  const origin = startAt?.getTime() ?? originWall;
  const factor = scale ?? 1;
  return { now: () => new Date(origin + (wallMs() - originWall) * factor) };
}

/** A clock tests move by hand. */
export function manualClock(start: Date): Clock & { set(at: Date): void; advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (at) => {
      current = at.getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}
