import { measureDowntime, monthWindow, type Interval, type WeightedInterval } from '../uptime/index.ts';
import type { Severity } from '../types.ts';
import {
  affectsCustomer,
  exclusionOf,
  isAnnouncedInTime,
  type ContractCustomer,
  type ContractIncident,
  type MaintenanceWindow,
} from './affected.ts';

const MINUTE = 60_000;

export interface IncidentInMonth {
  id: number;
  severity: Severity;
  title: string;
  startedAt: Date;
  resolvedAt: Date | null;
  /** Minutes of the incident inside the month (to `now` while it is open). */
  minutesInMonth: number;
  /** Weighted minutes it adds to the month's downtime, after exclusions (0 when excluded). */
  downtimeMinutes: number;
  /** Why it does not count, or null when it does. */
  exclusion: string | null;
}

export interface MaintenanceInMonth extends MaintenanceWindow {
  isExcluded: boolean;
  reason: string;
}

export interface CustomerMonthUptime {
  month: string;
  customerId: string;
  window: Interval;
  /** Until the month ends, the month so far: measured up to `now`. */
  isComplete: boolean;
  uptimePercent: number;
  downtimeMinutes: number;
  consideredMinutes: number;
  excludedMinutes: number;
  incidents: IncidentInMonth[];
  maintenances: MaintenanceInMonth[];
}

/**
 * A customer's uptime for a calendar month in their own time zone. Downtime is every incident
 * that affected them, weighted by its severity (`weights`; a severity not listed counts 0), from
 * its start to its resolution (or `now`), clipped to the month; incidents caused upstream or by
 * the customer are excluded, and so is time in maintenance announced with enough notice.
 */
export function customerMonthlyUptime({
  month,
  timeZone,
  now,
  customer,
  incidents,
  maintenances,
  weights,
  noticeHours,
}: {
  month: string;
  timeZone: string;
  now: Date;
  customer: ContractCustomer;
  incidents: readonly ContractIncident[];
  maintenances: readonly MaintenanceWindow[];
  weights: Partial<Record<Severity, number>>;
  noticeHours: number;
}): CustomerMonthUptime {
  const full = monthWindow(month, timeZone);
  const isComplete = now >= full.to;
  const window = { from: full.from, to: isComplete ? full.to : new Date(Math.max(full.from.getTime(), now.getTime())) };
  const maintenanceRows = maintenances
    .filter(
      (m) => m.components.some((c) => customer.components.includes(c)) && m.to > window.from && m.from < window.to,
    )
    .map((m): MaintenanceInMonth => {
      const isExcluded = isAnnouncedInTime(m, noticeHours);
      return {
        ...m,
        isExcluded,
        reason: isExcluded
          ? `announced maintenance (${noticeHours} h notice or more)`
          : `announced with less than ${noticeHours} h notice: counts as downtime if there was an outage`,
      };
    });
  const exclusions = maintenanceRows.filter((m) => m.isExcluded).map(({ from, to }) => ({ from, to }));
  const rows: { incident: ContractIncident; outage: WeightedInterval; exclusion: string | null }[] = incidents
    .filter((i) => affectsCustomer(i, customer) && i.startedAt < window.to && (i.resolvedAt ?? now) > window.from)
    .map((incident) => {
      const exclusion = exclusionOf(incident);
      const weight = weights[incident.severity] ?? 0;
      return {
        incident,
        outage: { from: incident.startedAt, to: incident.resolvedAt ?? now, weight: exclusion ? 0 : weight },
        exclusion: exclusion ?? (weight === 0 ? `${incident.severity} does not count as downtime` : null),
      };
    });
  const measure = measureDowntime({ window, outages: rows.map((r) => r.outage), exclusions });
  const inMonth = (o: Interval) =>
    Math.max(0, Math.min(o.to.getTime(), window.to.getTime()) - Math.max(o.from.getTime(), window.from.getTime()));
  return {
    month,
    customerId: customer.id,
    window,
    isComplete,
    uptimePercent: measure.uptimePercent,
    downtimeMinutes: measure.downtimeMs / MINUTE,
    consideredMinutes: measure.consideredMs / MINUTE,
    excludedMinutes: measure.excludedMs / MINUTE,
    maintenances: maintenanceRows,
    incidents: rows.map(({ incident, outage, exclusion }) => {
      // Its own share: overlapping incidents count once in the month's total, so these may add up to more.
      const ownMs = measureDowntime({ window, outages: [outage], exclusions }).downtimeMs;
      return {
        id: incident.id,
        severity: incident.severity,
        title: incident.title,
        startedAt: incident.startedAt,
        resolvedAt: incident.resolvedAt,
        minutesInMonth: inMonth(outage) / MINUTE,
        downtimeMinutes: ownMs / MINUTE,
        exclusion: exclusion ?? (ownMs === 0 && inMonth(outage) > 0 ? 'during announced maintenance' : null),
      };
    }),
  };
}
