import type { IncidentStore, StepContext, StepRow } from './incident-ports.ts';
import type { IncidentPolicy, OnCall } from './incident-policy.ts';
import type { Clock } from './ports.ts';
import { decideStep } from './runbook-actions.ts';

/**
 * Sweep → claim → act. Due steps are read by their indexed due time, each is claimed by a
 * conditional update inside the transaction that writes its effects, so a step runs once even
 * with several ticks or processes racing; overdue steps (after a restart) fire at once, marked late.
 */
export async function runDueSteps({
  incidents,
  policy,
  clock,
  limit = 200,
  pace = async () => {},
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  clock: Clock;
  limit?: number;
  /** Called between steps: lets the host answer requests while a long batch runs. */
  pace?: () => Promise<void>;
}): Promise<number> {
  const now = clock.now();
  const due = await incidents.dueSteps(now, limit);
  if (due.length === 0) return 0;
  const contexts = await incidents.stepContexts(due.map((row) => row.incidentId));
  let onCall: OnCall | undefined;
  let fired = 0;
  for (const row of due) {
    const context = contexts.get(row.incidentId);
    if (!context) continue;
    onCall ??= await policy.onCall(now);
    if (await runStep({ incidents, policy, now, row, onCall, context })) fired += 1;
    await pace();
  }
  return fired;
}

async function runStep({
  incidents,
  policy,
  now,
  row,
  onCall,
  context,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  now: Date;
  row: StepRow;
  onCall: OnCall;
  context: StepContext;
}): Promise<boolean> {
  const { ticket, ranSteps } = context;
  let ran = false;
  const completed = await incidents.completeStep(row, now, (current) => {
    const step = current.plan.steps.find((s) => s.id === row.stepId);
    if (!step || current.planVersion !== row.planVersion) {
      return { state: 'skipped', outcome: 'not in the current plan', consequences: {} };
    }
    const decision = decideStep({
      policy,
      incident: current,
      step,
      rowId: row.rowId,
      dueAt: row.dueAt ?? now,
      now,
      ticket,
      onCall,
      ranSteps,
    });
    ran = decision.state === 'done';
    return decision;
  });
  // A later step of the same incident in this batch sees this one as run (e.g. the channel it opened).
  if (completed && ran) ranSteps.add(row.stepId);
  return completed;
}
