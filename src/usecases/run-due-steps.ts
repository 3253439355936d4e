import type { Incident } from '../domain/incident.ts';
import type { IncidentStore, StepContext, StepDecision, StepRow } from './incident-ports.ts';
import type { IncidentPolicy, OnCall } from './incident-policy.ts';
import type { Clock } from './ports.ts';
import { decideStep } from './runbook-actions.ts';

/** Steps claimed and written in one transaction: at most this many, each of another incident. */
const BATCH = 20;

/**
 * Sweep → claim → act. Due steps are read by their indexed due time, claimed by a conditional
 * update inside the transaction that writes their effects, so a step runs once even with several
 * ticks or processes racing; overdue steps (after a restart) fire at once, marked late.
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
  /** Called between batches of steps: lets the host answer requests while a long sweep runs. */
  pace?: () => Promise<void>;
}): Promise<number> {
  const now = clock.now();
  const due = await incidents.dueSteps(now, limit);
  if (due.length === 0) return 0;
  const contexts = await incidents.stepContexts(due.map((row) => row.incidentId));
  let rest = due.filter((row) => contexts.has(row.incidentId));
  if (rest.length === 0) return 0;
  const onCall = await policy.onCall(now);
  let fired = 0;
  while (rest.length > 0) {
    // A batch takes at most one step per incident: a later step of the same incident goes in the
    // next batch and sees this one as run (e.g. the channel it opened).
    const batch: StepRow[] = [];
    const later: StepRow[] = [];
    for (const row of rest) {
      if (batch.length < BATCH && !batch.some((b) => b.incidentId === row.incidentId)) batch.push(row);
      else later.push(row);
    }
    fired += await completeBatch({ incidents, policy, now, batch, onCall, contexts });
    rest = later;
    await pace();
  }
  return fired;
}

/**
 * Steps claimed and written together, one transaction for the batch: on PostgreSQL every statement
 * is a round trip, on SQLite every transaction a commit.
 */
async function completeBatch({
  incidents,
  policy,
  now,
  batch,
  onCall,
  contexts,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  now: Date;
  batch: StepRow[];
  onCall: OnCall;
  contexts: Map<number, StepContext>;
}): Promise<number> {
  const ran = new Set<number>();
  const completed = await incidents.completeSteps(
    batch.map((row) => ({
      step: row,
      decide: (current) => {
        const decision = decideFor({ policy, now, row, onCall, context: contexts.get(row.incidentId)!, current });
        if (decision.state === 'done') ran.add(row.rowId);
        return decision;
      },
    })),
    now,
  );
  for (const row of batch) {
    // A later step of the same incident sees this one as run (e.g. the channel it opened).
    if (completed.has(row.rowId) && ran.has(row.rowId)) contexts.get(row.incidentId)!.ranSteps.add(row.stepId);
  }
  return batch.filter((row) => completed.has(row.rowId)).length;
}

function decideFor({
  policy,
  now,
  row,
  onCall,
  context,
  current,
}: {
  policy: IncidentPolicy;
  now: Date;
  row: StepRow;
  onCall: OnCall;
  context: StepContext;
  current: Incident;
}): StepDecision {
  const step = current.plan.steps.find((s) => s.id === row.stepId);
  if (!step || current.planVersion !== row.planVersion) {
    return { state: 'skipped', outcome: 'not in the current plan', consequences: {} };
  }
  return decideStep({
    policy,
    incident: current,
    step,
    rowId: row.rowId,
    dueAt: row.dueAt ?? now,
    now,
    ticket: context.ticket,
    onCall,
    ranSteps: context.ranSteps,
  });
}
