import type { Interval, WeightedInterval } from './downtime.ts';

export const COMPONENT_STATES = [
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export type ComponentState = (typeof COMPONENT_STATES)[number];

/** How people read each state (status page, Slack, customer posts). */
export const STATE_LABEL: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

/** How much of the time in each state counts as downtime (major outage always all of it). */
export interface StateWeights {
  partialOutage: number;
  degradedPerformance: number;
}

export interface StateChange {
  at: Date;
  state: ComponentState;
}

/**
 * Turns a component's state changes into outages and maintenance spans up to `until`. Changes
 * must be sorted by time; the component was `initialState` before the first one.
 */
export function componentHistory({
  changes,
  initialState = 'operational',
  until,
  weights,
}: {
  changes: readonly StateChange[];
  initialState?: ComponentState;
  until: Date;
  weights: StateWeights;
}): { outages: WeightedInterval[]; maintenance: Interval[] } {
  const outages: WeightedInterval[] = [];
  const maintenance: Interval[] = [];
  const weightOf: Record<ComponentState, number> = {
    operational: 0,
    under_maintenance: 0,
    major_outage: 1,
    partial_outage: weights.partialOutage,
    degraded_performance: weights.degradedPerformance,
  };
  let state = initialState;
  let since = new Date(-8.64e15);
  const close = (to: Date) => {
    if (to <= since) return;
    if (state === 'under_maintenance') maintenance.push({ from: since, to });
    else if (weightOf[state] > 0) outages.push({ from: since, to, weight: weightOf[state] });
  };
  for (const change of changes) {
    if (change.at > until) break;
    close(change.at);
    state = change.state;
    since = change.at;
  }
  close(until);
  return { outages, maintenance };
}

/** The state a component is in at `at`, from its sorted changes. */
export function stateAt(
  changes: readonly StateChange[],
  at: Date,
  initialState: ComponentState = 'operational',
): ComponentState {
  let state = initialState;
  for (const change of changes) {
    if (change.at > at) break;
    state = change.state;
  }
  return state;
}
