import type { IncidentStore, StepRow } from './incident-ports.ts';
import type { IncidentPolicy, OnCall } from './incident-policy.ts';
import type { Clock, TicketStore } from './ports.ts';
import { decideStep } from './runbook-actions.ts';

/**
 * Sweep → claim → act. Due steps are read by their indexed due time, each is claimed by a
 * conditional update inside the transaction that writes its effects, so a step runs once even
 * with several ticks or processes racing; overdue steps (after a restart) fire at once, marked late.
 */
export async function runDueSteps({ incidents, tickets, policy, clock, limit = 200, pace = async () => {} }: {
  incidents: IncidentStore; tickets: TicketStore; policy: IncidentPolicy; clock: Clock; limit?: number;
  /** Called between steps: lets the host answer requests while a long batch runs. */
  pace?: () => Promise<void>;
}): Promise<number> {
  const now = clock.now();
  const due = await incidents.dueSteps(now, limit);
  if (due.length === 0) return 0;
  let onCall: OnCall | undefined;
  let fired = 0;
  for (const row of due) {
    onCall ??= await policy.onCall(now);
    if (await runStep({ incidents, tickets, policy, now, row, onCall })) fired += 1;
    await pace();
  }
  return fired;
}

async function runStep({ incidents, tickets, policy, now, row, onCall }: { incidents: IncidentStore; tickets: TicketStore; policy: IncidentPolicy; now: Date; row: StepRow; onCall: OnCall }): Promise<boolean> {
  const incident = await incidents.get(row.incidentId);
  if (!incident) return false;
  const ticket = incident.ticketId !== null ? await tickets.get(incident.ticketId) : undefined;
  const ranSteps = new Set((await incidents.steps(incident.id)).filter((s) => s.state === 'done').map((s) => s.stepId));
  return incidents.completeStep(row, now, (current) => {
    const step = current.plan.steps.find((s) => s.id === row.stepId);
    if (!step || current.planVersion !== row.planVersion) {
      return { state: 'skipped', outcome: 'not in the current plan', consequences: {} };
    }
    return decideStep({ policy, incident: current, step, rowId: row.rowId, dueAt: row.dueAt ?? now, now, ticket, onCall, ranSteps });
  });
}
