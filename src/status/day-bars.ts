import { DateTime } from 'luxon';
import {
  componentHistory,
  measureDowntime,
  stateAt,
  type ComponentState,
  type Interval,
  type StateChange,
  type StateWeights,
  type WeightedInterval,
} from '../domain/uptime/index.ts';
import { formatDay, formatDuration } from './format.ts';

export const BAR_DAYS = 90;

export type DayClass = 'operational' | 'degraded' | 'partial' | 'major' | 'maintenance';

export interface DayWindow extends Interval {
  /** The local date, YYYY-MM-DD. */
  date: string;
}

/** An incident or maintenance as it touched one component: its page and its span of time. */
export interface BarIncident extends Interval {
  name: string;
  href: string;
}

export interface DayCell {
  date: string;
  className: DayClass;
  /** Full sentence for the tooltip and for screen readers. */
  text: string;
  downtimeMs: number;
  /** The incidents and maintenances that touched the day, with the downtime each accounts for on it. */
  incidents: { name: string; href: string; downtime: string }[];
  /** Something to show when the day is tapped or focused (downtime, maintenance or an incident). */
  hasDetails: boolean;
}

export interface ComponentBar {
  state: ComponentState;
  days: DayCell[];
  /** Over the whole bar (the 90 days up to now), maintenance excluded. */
  uptimePercent: number;
}

/**
 * The bar's local days, midnight to midnight in `timeZone` (23 or 25 hours across a DST change),
 * ending with today measured up to `now`. The same for every component, so computed once a page.
 */
export function barDays(now: Date, timeZone: string, days = BAR_DAYS): DayWindow[] {
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return Array.from({ length: days }, (_, i) => {
    const day = today.minus({ days: days - 1 - i });
    return {
      date: day.toISODate() as string,
      from: day.toJSDate(),
      to: i === days - 1 ? now : day.plus({ days: 1 }).toJSDate(),
    };
  });
}

const SHOWN: { state: ComponentState; className: DayClass; label: string; weightOf: (w: StateWeights) => number }[] = [
  { state: 'major_outage', className: 'major', label: 'major outage', weightOf: () => 1 },
  { state: 'partial_outage', className: 'partial', label: 'partial outage', weightOf: (w) => w.partialOutage },
  {
    state: 'degraded_performance',
    className: 'degraded',
    label: 'degraded performance',
    weightOf: (w) => w.degradedPerformance,
  },
];

/** Spans of time the component spent in `state`, from its sorted changes, up to `until`. */
function spansIn(changes: readonly StateChange[], state: ComponentState, until: Date): WeightedInterval[] {
  const spans: WeightedInterval[] = [];
  changes.forEach((c, i) => {
    const end = changes[i + 1]?.at ?? until;
    if (c.state === state && end > c.at) spans.push({ from: c.at, to: end < until ? end : until, weight: 1 });
  });
  return spans;
}

const overlaps = (i: Interval, day: Interval) => i.from < day.to && i.to > day.from;

/**
 * One component's daily cells over `days` (from barDays). `changes` are sorted and start with the
 * state before the window; `maintenance` are the announced windows that apply to it (time under
 * maintenance is excluded from downtime, even when an outage overlaps it).
 */
export function componentBar({
  changes,
  maintenance,
  now,
  days,
  weights,
  incidents = [],
}: {
  changes: readonly StateChange[];
  maintenance: readonly Interval[];
  incidents?: readonly BarIncident[];
  now: Date;
  days: readonly DayWindow[];
  weights: StateWeights;
}): ComponentBar {
  const history = componentHistory({ changes, until: now, weights });
  const exclusions = [...history.maintenance, ...maintenance];
  const perState = SHOWN.map((s) => ({ ...s, spans: spansIn(changes, s.state, now) })).filter(
    (s) => s.spans.length > 0,
  );
  const cells = days.map((window): DayCell => {
    // Only what touches the day: most days of most components have nothing.
    const dayExclusions = exclusions.filter((e) => overlaps(e, window));
    const day = measureDowntime({
      window,
      outages: history.outages.filter((o) => overlaps(o, window)),
      exclusions: dayExclusions,
    });
    const parts = perState
      .map((s) => ({
        ...s,
        ms: measureDowntime({ window, outages: s.spans.filter((o) => overlaps(o, window)), exclusions: dayExclusions })
          .downtimeMs,
      }))
      .filter((p) => p.ms > 0);
    const details = parts.map((p) =>
      p.state === 'major_outage'
        ? `${p.label} ${formatDuration(p.ms)}`
        : `${p.label} ${formatDuration(p.ms)} at ${Math.round(p.weightOf(weights) * 100)} %`,
    );
    if (day.excludedMs > 0) details.push(`maintenance ${formatDuration(day.excludedMs)}`);
    const touching = incidents
      .filter((i) => overlaps(i, window))
      .map((i) => {
        const span = { from: i.from > window.from ? i.from : window.from, to: i.to < window.to ? i.to : window.to };
        const ms = measureDowntime({
          window: span,
          outages: history.outages.filter((o) => overlaps(o, span)),
          exclusions: dayExclusions,
        }).downtimeMs;
        return { name: i.name, href: i.href, downtime: ms > 0 ? `${formatDuration(ms)} down` : 'no downtime' };
      });
    const headline = day.downtimeMs > 0 ? `${formatDuration(day.downtimeMs)} down` : 'No downtime';
    return {
      date: window.date,
      className: parts[0]?.className ?? (day.excludedMs > 0 ? 'maintenance' : 'operational'),
      downtimeMs: day.downtimeMs,
      text: `${formatDay(window.date)}: ${headline}${details.length > 0 ? ` (${details.join(', ')})` : ''}`,
      incidents: touching,
      hasDetails: touching.length > 0 || details.length > 0,
    };
  });
  const whole = measureDowntime({
    window: { from: days[0]?.from ?? now, to: now },
    outages: history.outages,
    exclusions,
  });
  return { state: stateAt(changes, now), days: cells, uptimePercent: whole.uptimePercent };
}
