import type { PublicStatus } from '../usecases/status-ports.ts';

export { STATE_LABEL } from '../domain/uptime/index.ts';

export const STATUS_LABEL: Record<PublicStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Formats instants as readers in `timeZone` see them: "Nov 25, 2026, 10:30 EST". One Intl
 * formatter per zone: a page formats thousands of instants and luxon's per-call zone work
 * dominated its render time.
 */
export function instantFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  });
  return (at) => {
    const part: Record<string, string> = {};
    for (const p of format.formatToParts(at)) part[p.type] = p.value;
    return `${part.month} ${part.day}, ${part.year}, ${part.hour}:${part.minute} ${part.timeZoneName}`;
  };
}

/** The local month of an instant, "YYYY-MM", in `timeZone`. */
export function monthFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
  return (at) => format.format(at).slice(0, 7);
}

/** "Nov 5" for a local date YYYY-MM-DD. */
export function formatDay(isoDate: string): string {
  return `${MONTHS[Number(isoDate.slice(5, 7)) - 1]} ${Number(isoDate.slice(8, 10))}`;
}
