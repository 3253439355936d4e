import { DateTime } from 'luxon';
import type { ComponentState } from '../domain/uptime/index.ts';
import type { PublicStatus } from '../usecases/status-ports.ts';

export const STATE_LABEL: Record<ComponentState, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const STATUS_LABEL: Record<PublicStatus, string> = {
  investigating: 'Investigating', identified: 'Identified', monitoring: 'Monitoring', resolved: 'Resolved',
  scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed',
};

/** "1 h 12 min", "45 min", "2 h", "< 1 min" for a sliver that rounds to nothing. */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0 min';
  const minutes = Math.round(ms / 60_000);
  if (minutes === 0) return '< 1 min';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Rounded down so that any downtime at all shows below 100.00. */
export function formatPercent(percent: number): string {
  return (Math.floor(percent * 100) / 100).toFixed(2);
}

/** "Nov 25, 2026, 10:30 EST": an instant as readers of the page's time zone see it. */
export function formatInstant(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat('LLL d, yyyy, HH:mm ZZZZ');
}

/** "Nov 5" for a local date YYYY-MM-DD. */
export function formatDay(isoDate: string): string {
  return DateTime.fromISO(isoDate).toFormat('LLL d');
}
