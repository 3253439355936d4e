import {
  componentHistory, dailyDowntime, measureDowntime, stateAt,
  type ComponentState, type Interval, type StateChange, type StateWeights, type WeightedInterval,
} from '../domain/uptime/index.ts';
import { formatDay, formatDuration } from './format.ts';

export const BAR_DAYS = 90;

export type DayClass = 'operational' | 'degraded' | 'partial' | 'major' | 'maintenance';

export interface DayCell {
  date: string;
  className: DayClass;
  /** Full sentence for the tooltip and for screen readers. */
  text: string;
  downtimeMs: number;
}

export interface ComponentBar {
  state: ComponentState;
  days: DayCell[];
  /** Over the whole bar (the 90 days up to now), maintenance excluded. */
  uptimePercent: number;
}

const SHOWN: { state: ComponentState; className: DayClass; label: string; weightOf: (w: StateWeights) => number }[] = [
  { state: 'major_outage', className: 'major', label: 'major outage', weightOf: () => 1 },
  { state: 'partial_outage', className: 'partial', label: 'partial outage', weightOf: (w) => w.partialOutage },
  { state: 'degraded_performance', className: 'degraded', label: 'degraded performance', weightOf: (w) => w.degradedPerformance },
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

const percentOf = (weight: number) => `${Math.round(weight * 100)} %`;

/**
 * One component's 90 daily cells, cut at midnight in `timeZone`. `changes` are sorted and start
 * with the state before the window; `maintenance` are the announced windows that apply to it
 * (time under maintenance is excluded from downtime, even when an outage overlaps it).
 */
export function componentBar({ changes, maintenance, now, timeZone, weights, days = BAR_DAYS }: {
  changes: readonly StateChange[]; maintenance: readonly Interval[]; now: Date; timeZone: string; weights: StateWeights; days?: number;
}): ComponentBar {
  const history = componentHistory({ changes, until: now, weights });
  const exclusions = [...history.maintenance, ...maintenance];
  const measured = dailyDowntime({ now, days, timeZone, outages: history.outages, exclusions });
  const perState = SHOWN.map((s) => ({ ...s, spans: spansIn(changes, s.state, now) }));
  const cells = measured.map((day): DayCell => {
    const window = { from: day.from, to: day.to };
    const parts = perState
      .map((s) => ({ ...s, ms: measureDowntime({ window, outages: s.spans, exclusions }).downtimeMs }))
      .filter((p) => p.ms > 0);
    const details = parts.map((p) => {
      const weight = p.weightOf(weights);
      return p.state === 'major_outage' ? `${p.label} ${formatDuration(p.ms)}` : `${p.label} ${formatDuration(p.ms)} at ${percentOf(weight)}`;
    });
    if (day.excludedMs > 0) details.push(`maintenance ${formatDuration(day.excludedMs)}`);
    const headline = day.downtimeMs > 0 ? `${formatDuration(day.downtimeMs)} down` : 'No downtime';
    const className = parts[0]?.className ?? (day.excludedMs > 0 ? 'maintenance' : 'operational');
    return {
      date: day.date, className, downtimeMs: day.downtimeMs,
      text: `${formatDay(day.date)}: ${headline}${details.length > 0 ? ` (${details.join(', ')})` : ''}`,
    };
  });
  const first = measured[0];
  const whole = measureDowntime({ window: { from: first ? first.from : now, to: now }, outages: history.outages, exclusions });
  return { state: stateAt(changes, now), days: cells, uptimePercent: whole.uptimePercent };
}
