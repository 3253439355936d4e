import type { Incident as IncidentRow, IncidentStep as StepRowDb } from '../generated/prisma/client.ts';
import type { Incident, IncidentSource } from '../domain/incident.ts';
import type { FrozenPlan } from '../domain/runbook/index.ts';
import type { Severity } from '../domain/types.ts';
import type { StepRow } from '../usecases/incident-ports.ts';

export function toIncident(row: IncidentRow): Incident {
  return {
    id: row.id,
    ticketId: row.ticketId,
    source: row.source as IncidentSource,
    customerId: row.customerId,
    severity: row.severity as Severity,
    title: row.title,
    components: JSON.parse(row.components) as string[],
    startedAt: row.startedAt,
    acknowledgedAt: row.acknowledgedAt,
    acknowledgedBy: row.acknowledgedBy,
    engagedAt: row.engagedAt,
    resolvedAt: row.resolvedAt,
    resolvedBy: row.resolvedBy,
    resolutionSummary: row.resolutionSummary,
    isUpstreamCause: row.isUpstreamCause,
    isCustomerCaused: row.isCustomerCaused,
    upstreamProvider: row.upstreamProvider,
    channelId: row.channelId,
    commanderId: row.commanderId,
    commsId: row.commsId,
    alertFingerprint: row.alertFingerprint,
    plan: JSON.parse(row.plan) as FrozenPlan,
    planVersion: row.planVersion,
  };
}

export function toStepRow(row: StepRowDb): StepRow {
  return {
    rowId: row.id,
    incidentId: row.incidentId,
    planVersion: row.planVersion,
    stepId: row.stepId,
    dueAt: row.dueAt,
    state: row.state as StepRow['state'],
  };
}
