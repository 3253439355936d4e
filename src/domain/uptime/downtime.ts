/** A half-open span of time [from, to). */
export interface Interval {
  from: Date;
  to: Date;
}

/** A span during which this share (0–1) of the time counts as downtime. */
export interface WeightedInterval extends Interval {
  weight: number;
}

export interface DowntimeMeasure {
  windowMs: number;
  /** Time inside exclusions (announced maintenance, …): neither up nor down. */
  excludedMs: number;
  /** Window minus exclusions: the time uptime is a share of. */
  consideredMs: number;
  /** Weighted downtime outside exclusions; overlapping outages count once, at the heaviest weight. */
  downtimeMs: number;
  /** 100 when nothing was considered. Not rounded: contract tiers compare the exact value. */
  uptimePercent: number;
}

/**
 * Downtime within a window. Pure: the caller says which outages and exclusions apply. Time in an
 * exclusion never counts as downtime, even when an outage overlaps it (announced maintenance is
 * outside the promise); overlapping outages count once, at the heaviest weight.
 */
export function measureDowntime({
  window,
  outages,
  exclusions = [],
}: {
  window: Interval;
  outages: readonly WeightedInterval[];
  exclusions?: readonly Interval[];
}): DowntimeMeasure {
  const start = window.from.getTime();
  const end = window.to.getTime();
  const windowMs = Math.max(0, end - start);
  // A sweep over the span edges: O(n log n), so a month with thousands of incidents stays cheap.
  // Each edge opens or closes an outage (by weight) or an exclusion.
  const edges: { at: number; weight: number; delta: 1 | -1; isExclusion: boolean }[] = [];
  const add = (from: number, to: number, weight: number, isExclusion: boolean) => {
    const a = Math.max(start, from);
    const b = Math.min(end, to);
    if (b <= a) return;
    edges.push({ at: a, weight, delta: 1, isExclusion }, { at: b, weight, delta: -1, isExclusion });
  };
  for (const o of outages) if (o.weight > 0) add(o.from.getTime(), o.to.getTime(), Math.min(1, o.weight), false);
  for (const e of exclusions) add(e.from.getTime(), e.to.getTime(), 0, true);
  edges.sort((x, y) => x.at - y.at);
  const openWeights = new Map<number, number>();
  let openExclusions = 0;
  let excludedMs = 0;
  let downtimeMs = 0;
  let last = start;
  for (let i = 0; i < edges.length;) {
    const at = (edges[i] as (typeof edges)[number]).at;
    if (at > last) {
      if (openExclusions > 0) excludedMs += at - last;
      else if (openWeights.size > 0) downtimeMs += (at - last) * Math.max(...openWeights.keys());
      last = at;
    }
    // Apply every edge at this instant before measuring the next segment.
    for (; i < edges.length && (edges[i] as (typeof edges)[number]).at === at; i++) {
      const edge = edges[i] as (typeof edges)[number];
      if (edge.isExclusion) openExclusions += edge.delta;
      else {
        const n = (openWeights.get(edge.weight) ?? 0) + edge.delta;
        if (n === 0) openWeights.delete(edge.weight);
        else openWeights.set(edge.weight, n);
      }
    }
  }
  const consideredMs = windowMs - excludedMs;
  return {
    windowMs,
    excludedMs,
    consideredMs,
    downtimeMs,
    uptimePercent: consideredMs > 0 ? (100 * (consideredMs - downtimeMs)) / consideredMs : 100,
  };
}
