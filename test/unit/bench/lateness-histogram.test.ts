import { describe, expect, it } from 'vitest';
import { levelRun } from '../../../bench/engine/lateness-levels.ts';
import { LATENESS_BUCKET_EDGES_MS } from '../../../bench/engine/settings.ts';
import { histogram } from '../../../bench/engine/stats.ts';

describe('the step-lateness histogram', () => {
  it('counts each lateness in the bucket from its lower edge, the last bucket open', () => {
    expect(
      histogram([0, 49.9, 50, 99, 100, 999, 1000, 1499, 1500, 2999, 3000, 60_000], LATENESS_BUCKET_EDGES_MS),
    ).toEqual([2, 2, 1, 0, 1, 2, 2, 2]);
  });

  it('counts a lateness below the first edge in the first bucket and skips NaN', () => {
    expect(histogram([-3, NaN, 20], [0, 50])).toEqual([2, 0]);
  });

  it('gives the smaller levels the target run’s rate of due steps over a shorter spread', () => {
    // The target: 2,000 steps over 60 s, 33 a second.
    const target = { lateSteps: 2000, spreadMs: 60_000, levelSpreadMs: 15_000 };
    expect(levelRun({ ...target, incidents: 1000 })).toEqual({ steps: 500, spreadMs: 15_000 });
    // One step an incident at most: 100 incidents (1,000 pending rows) give 100 steps over 3 s.
    expect(levelRun({ ...target, incidents: 100 })).toEqual({ steps: 100, spreadMs: 3000 });
  });
});
