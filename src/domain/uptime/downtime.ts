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
export function measureDowntime({ window, outages, exclusions = [] }: { window: Interval; outages: readonly WeightedInterval[]; exclusions?: readonly Interval[] }): DowntimeMeasure {
  const start = window.from.getTime();
  const end = window.to.getTime();
  const windowMs = Math.max(0, end - start);
  const clip = (i: Interval) => ({ from: Math.max(start, i.from.getTime()), to: Math.min(end, i.to.getTime()) });
  const outs = outages.map((o) => ({ ...clip(o), weight: o.weight })).filter((o) => o.to > o.from && o.weight > 0);
  const excl = exclusions.map(clip).filter((e) => e.to > e.from);
  const cuts = [...new Set([start, end, ...outs.flatMap((o) => [o.from, o.to]), ...excl.flatMap((e) => [e.from, e.to])])].sort((a, b) => a - b);
  let excludedMs = 0;
  let downtimeMs = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i] as number;
    const b = cuts[i + 1] as number;
    if (b <= start || a >= end) continue;
    if (excl.some((e) => e.from <= a && e.to >= b)) {
      excludedMs += b - a;
      continue;
    }
    const weight = Math.max(0, ...outs.filter((o) => o.from <= a && o.to >= b).map((o) => o.weight));
    downtimeMs += (b - a) * Math.min(1, weight);
  }
  const consideredMs = windowMs - excludedMs;
  return { windowMs, excludedMs, consideredMs, downtimeMs, uptimePercent: consideredMs > 0 ? (100 * (consideredMs - downtimeMs)) / consideredMs : 100 };
}
