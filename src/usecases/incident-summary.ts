import { incidentRef, type Incident } from '../domain/incident.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { OutboxEffect, OutboxRef } from './ports.ts';
import type { StatusStore } from './status-ports.ts';

/** The pinned summary in the incident channel; every later change of the incident edits it (store/). */
export const summaryKey = (incidentId: number): string => `incident:${incidentId}:summary`;

/** Posts the summary into the channel `channelOf` created and pins it; both wait for the channel. */
export function summaryEffects(incidentId: number, channelOf: OutboxRef): OutboxEffect[] {
  const key = summaryKey(incidentId);
  return [
    { kind: 'slack.post', key, channel: '', channelOf, message: { view: 'incident-summary', data: { incidentId } } },
    { kind: 'slack.pin', key: `${key}:pin`, target: { key } },
  ];
}

/** What the pinned summary shows, read at delivery time so an edit always shows the state then. */
export interface IncidentSummaryModel {
  ref: string;
  title: string;
  severity: Incident['severity'];
  state: 'investigating' | 'acknowledged' | 'resolved';
  startedAt: Date;
  resolvedAt: Date | null;
  commanderId: string | null;
  commsId: string | null;
  acknowledgedBy: string | null;
  customers: string[];
  components: string[];
  publicStatus: { status: string; url: string | undefined; updatedAt: Date } | undefined;
  nextStep: { title: string; dueAt: Date } | undefined;
  bridgeUrl: string | undefined;
}

export async function loadIncidentSummary(
  {
    incidents,
    statuses,
    policy,
    statusPageUrl,
  }: { incidents: IncidentStore; statuses: StatusStore; policy: IncidentPolicy; statusPageUrl: string | undefined },
  incidentId: number,
): Promise<IncidentSummaryModel | undefined> {
  const incident = await incidents.get(incidentId);
  if (!incident) return undefined;
  const [steps, status] = await Promise.all([incidents.steps(incidentId), statuses.byIncident(incidentId)]);
  const next = steps
    .filter((s) => s.state === 'pending' && s.dueAt !== null && s.planVersion === incident.planVersion)
    .sort((a, b) => a.dueAt!.getTime() - b.dueAt!.getTime())[0];
  const title = next ? incident.plan.steps.find((s) => s.id === next.stepId)?.title : undefined;
  const customers = policy.directory
    .all()
    .filter((c) => c.id === incident.customerId || c.components.some((comp) => incident.components.includes(comp)))
    .map((c) => c.name);
  return {
    ref: incidentRef(incident.id),
    title: incident.title,
    severity: incident.severity,
    state: incident.resolvedAt ? 'resolved' : incident.acknowledgedAt ? 'acknowledged' : 'investigating',
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    commanderId: incident.commanderId,
    commsId: incident.commsId,
    acknowledgedBy: incident.acknowledgedBy,
    customers,
    components: incident.components.map(policy.componentName),
    publicStatus: status
      ? {
          status: status.status,
          url: statusPageUrl ? `${statusPageUrl}/incidents/${status.publicId}` : undefined,
          updatedAt: status.updatedAt,
        }
      : undefined,
    nextStep: next && title && !incident.resolvedAt ? { title, dueAt: next.dueAt! } : undefined,
    bridgeUrl: policy.bridgeUrl,
  };
}
