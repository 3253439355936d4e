import type { Incident as IncidentRow, PrismaClient } from '../generated/prisma/client.ts';
import type { IncidentStore } from '../usecases/incident-ports.ts';
import { Aborted } from './claim-cause.ts';
import { writeConsequencesOf } from './incident-consequences.ts';
import { toIncident } from './incident-mapper.ts';
import { execute, placeholders, query } from './raw-sql.ts';

/**
 * The claim of `count` steps by id. `"state" || ''` keeps SQLite on the primary key: without
 * statistics its planner takes the (state, dueAt) index for `"state" = 'pending'` and walks every
 * pending row (7 ms a batch of 20 at 50,000 pending, against 0.3 ms).
 */
export function claimStepsSql(count: number): string {
  return `UPDATE "IncidentStep" SET "state" = 'done', "firedAt" = ?,
                "lateMs" = CASE "id" ${Array.from({ length: count }, () => 'WHEN ? THEN CAST(? AS INTEGER)').join(' ')} END
          WHERE "id" IN (${placeholders(count)}) AND "state" || '' = 'pending'
         RETURNING "id"`;
}

/**
 * Runbook steps of different incidents claimed and written in one transaction (see
 * IncidentStore.completeSteps): one claim, one read of their incidents, one update of their
 * outcomes and one statement each for what they cause. Raw SQL: this runs for every step.
 */
export async function completeSteps(
  prisma: PrismaClient,
  steps: Parameters<IncidentStore['completeSteps']>[0],
  at: Date,
): Promise<Set<number>> {
  if (new Set(steps.map((s) => s.step.incidentId)).size !== steps.length)
    throw new Error('completeSteps: one incident twice in one batch');
  try {
    return await prisma.$transaction(async (tx) => {
      // The claim: only one tick, in one process, moves each row out of pending. One statement
      // for the batch, raw: this runs for every runbook step (see raw-sql.ts).
      const ids = steps.map(({ step }) => step.rowId);
      const claimed = await query<{ id: number }>(
        tx,
        claimStepsSql(ids.length),
        at,
        ...steps.flatMap(({ step }) => [step.rowId, step.dueAt ? Math.max(0, at.getTime() - step.dueAt.getTime()) : 0]),
        ...ids,
      );
      const taken = new Set(claimed.map((row) => Number(row.id)));
      const mine = steps.filter(({ step }) => taken.has(step.rowId));
      if (mine.length === 0) return taken;
      const rows = await query<IncidentRow>(
        tx,
        `SELECT * FROM "Incident" WHERE "id" IN (${placeholders(mine.length)})`,
        ...mine.map(({ step }) => step.incidentId),
      );
      const incidents = new Map(rows.map((row) => [row.id, toIncident(row)]));
      const decided = mine.map(({ step, decide }) => ({ step, decision: decide(incidents.get(step.incidentId)!) }));
      const cases = `CASE "id" ${decided.map(() => 'WHEN ? THEN CAST(? AS TEXT)').join(' ')} END`;
      await execute(
        tx,
        `UPDATE "IncidentStep" SET "state" = ${cases}, "outcome" = ${cases}
          WHERE "id" IN (${placeholders(decided.length)})`,
        ...decided.flatMap(({ step, decision }) => [step.rowId, decision.state]),
        ...decided.flatMap(({ step, decision }) => [step.rowId, decision.outcome]),
        ...decided.map(({ step }) => step.rowId),
      );
      await writeConsequencesOf(
        tx,
        decided.map(({ step, decision }) => ({
          incidentId: step.incidentId,
          consequences: { ...decision.consequences, at },
        })),
      );
      return taken;
    });
  } catch (error) {
    if (error instanceof Aborted) return new Set();
    throw error;
  }
}
