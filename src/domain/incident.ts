import type { FrozenPlan } from './runbook/index.ts';
import type { Severity } from './types.ts';

/** How an incident started: from a customer's ticket, declared by a responder, or by an alert. */
export type IncidentSource = 'ticket' | 'declared' | 'alert';

export interface Incident {
  id: number;
  ticketId: number | null;
  source: IncidentSource;
  customerId: string | null;
  severity: Severity;
  title: string;
  components: string[];
  startedAt: Date;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  engagedAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolutionSummary: string | null;
  isUpstreamCause: boolean;
  isCustomerCaused: boolean;
  upstreamProvider: string | null;
  channelId: string | null;
  /** Incident roles: the commander (`/tplus lead`) and the communications lead (`/tplus role comms`). */
  commanderId: string | null;
  commsId: string | null;
  alertFingerprint: string | null;
  plan: FrozenPlan;
  planVersion: number;
}

/** The reference people read and type: INC-7. */
export function incidentRef(id: number): string {
  return `INC-${id}`;
}

/** The PagerDuty Events v2 dedup key: one alert per incident, so triggers, acks and resolves meet. */
export function pagerDutyDedupKey(incidentId: number): string {
  return `tplus-incident-${incidentId}`;
}

export function incidentIdFromDedupKey(key: string | undefined): number | undefined {
  const match = /^tplus-incident-(\d+)$/.exec(key ?? '');
  return match ? Number(match[1]) : undefined;
}
