import { formatOffset } from '../domain/runbook/index.ts';
import type { Incident } from '../domain/incident.ts';
import type { IncidentStore } from './incident-ports.ts';

/** "Escalate now": the next pending escalation of the incident runs at the next tick. */
export async function escalateNow({
  incidents,
  incident,
  at,
  by,
}: {
  incidents: IncidentStore;
  incident: Incident;
  at: Date;
  by: string;
}): Promise<'escalated' | 'nothing-left'> {
  const next = await incidents.nextPendingStep(incident.id, [
    'page-oncall',
    'repage-oncall',
    'escalate',
    'notify-triage',
  ]);
  if (!next || !(await incidents.bringForward(next.rowId, at))) return 'nothing-left';
  await incidents.record(incident.id, {
    at,
    events: [
      {
        kind: 'escalate-now',
        actor: by,
        text: `${formatOffset(incident.startedAt, at)} ${by} pressed Escalate now: step "${next.stepId}" runs at once`,
        detail: { stepId: next.stepId },
      },
    ],
  });
  return 'escalated';
}
