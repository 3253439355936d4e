import type { ComponentState } from '../domain/uptime/index.ts';
import type { StatusImpact, StatusIncidentRecord } from '../usecases/status-ports.ts';

/** Statuspage's page indicator; `maintenance` when maintenance is the only thing going on. */
export type Indicator = 'none' | 'minor' | 'major' | 'critical' | 'maintenance';

const RANK: Record<Indicator, number> = { none: 0, maintenance: 1, minor: 2, major: 3, critical: 4 };
const BY_STATE: Record<ComponentState, Indicator> = {
  operational: 'none',
  under_maintenance: 'maintenance',
  degraded_performance: 'minor',
  partial_outage: 'major',
  major_outage: 'critical',
};
const BY_IMPACT: Record<StatusImpact, Indicator> = {
  none: 'none',
  maintenance: 'maintenance',
  minor: 'minor',
  major: 'major',
  critical: 'critical',
};

export const DESCRIPTION: Record<Indicator, string> = {
  none: 'All Systems Operational',
  maintenance: 'Service Under Maintenance',
  minor: 'Minor Service Outage',
  major: 'Partial System Outage',
  critical: 'Major System Outage',
};

/**
 * The page's overall state: the worst of the components' current states and the impact of the
 * unresolved incidents; maintenance counts only while in progress, never when merely scheduled.
 */
export function overallStatus({
  componentStates,
  open,
}: {
  componentStates: readonly ComponentState[];
  open: readonly StatusIncidentRecord[];
}): { indicator: Indicator; description: string } {
  const candidates: Indicator[] = componentStates.map((s) => BY_STATE[s]);
  for (const i of open) {
    if (i.kind === 'incident') candidates.push(BY_IMPACT[i.impact]);
    else if (i.status === 'in_progress' || i.status === 'verifying') candidates.push('maintenance');
  }
  const indicator = candidates.reduce<Indicator>((worst, c) => (RANK[c] > RANK[worst] ? c : worst), 'none');
  return { indicator, description: DESCRIPTION[indicator] };
}
