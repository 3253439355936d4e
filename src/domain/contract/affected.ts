import type { Incident } from '../incident.ts';

/** What contract tracking needs of an incident (a subset of the stored incident). */
export type ContractIncident = Pick<
  Incident,
  | 'id'
  | 'customerId'
  | 'severity'
  | 'title'
  | 'components'
  | 'startedAt'
  | 'acknowledgedAt'
  | 'resolvedAt'
  | 'isUpstreamCause'
  | 'upstreamProvider'
  | 'isCustomerCaused'
>;

/** A scheduled maintenance from the status page: its announced window and how early it was announced. */
export interface MaintenanceWindow {
  id: number;
  components: string[];
  from: Date;
  to: Date;
  announcedAt: Date | null;
}

export interface ContractCustomer {
  id: string;
  components: readonly string[];
}

/**
 * An incident affected a customer when it was theirs (their ticket) or it touched a component
 * they use. A declared or alert incident with no components affects nobody's uptime.
 */
export function affectsCustomer(
  incident: Pick<ContractIncident, 'customerId' | 'components'>,
  customer: ContractCustomer,
): boolean {
  return incident.customerId === customer.id || incident.components.some((c) => customer.components.includes(c));
}

/** Why an incident does not count against the promise, or null when it does. Set at resolution. */
export function exclusionOf(
  incident: Pick<ContractIncident, 'isUpstreamCause' | 'upstreamProvider' | 'isCustomerCaused'>,
): string | null {
  if (incident.isCustomerCaused) return 'caused by the customer';
  if (incident.isUpstreamCause)
    return `upstream provider${incident.upstreamProvider ? ` (${incident.upstreamProvider})` : ''} outside our control`;
  return null;
}

/**
 * Maintenance announced at least `noticeHours` before it started is outside the promise; short-notice (forced)
 * maintenance is not.
 */
export function isAnnouncedInTime(window: MaintenanceWindow, noticeHours: number): boolean {
  return window.announcedAt !== null && window.from.getTime() - window.announcedAt.getTime() >= noticeHours * 3_600_000;
}
