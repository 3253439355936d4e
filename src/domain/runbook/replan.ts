import type { FrozenPlan, IncidentMoments, AddBusinessMinutes } from './plan.ts';
import { dueAtOf } from './plan.ts';

export interface ExistingStep {
  stepId: string;
  state: 'waiting' | 'pending' | 'done' | 'skipped' | 'cancelled';
}

export interface Replan {
  /** Steps of the new plan to schedule; a due time at or before `now` fires at the next tick. */
  schedule: { stepId: string; dueAt: Date | undefined; isOverdueAtReplan: boolean }[];
  /** Open steps of the old plan that the new plan does not have. */
  cancel: string[];
  /** Steps both plans share that already ran: they are not run again. */
  keep: string[];
}

/**
 * Reclassification re-plans explicitly: the new severity's steps are scheduled from the same
 * incident start (those already due fire at once), open steps the new plan lacks are cancelled,
 * and a step that already ran under the old plan is not repeated.
 */
export function replanIncident({
  existing,
  next,
  moments,
  now,
  addBusinessMinutes,
}: {
  existing: ExistingStep[];
  next: FrozenPlan;
  moments: IncidentMoments;
  now: Date;
  addBusinessMinutes?: AddBusinessMinutes;
}): Replan {
  const ran = new Set(existing.filter((s) => s.state === 'done' || s.state === 'skipped').map((s) => s.stepId));
  const nextIds = new Set(next.steps.map((s) => s.id));
  const schedule = next.steps
    .filter((step) => !ran.has(step.id))
    .map((step) => {
      const dueAt = dueAtOf(step, moments, addBusinessMinutes);
      return { stepId: step.id, dueAt, isOverdueAtReplan: dueAt !== undefined && dueAt.getTime() <= now.getTime() };
    });
  const cancel = existing
    .filter((s) => (s.state === 'pending' || s.state === 'waiting') && !nextIds.has(s.stepId))
    .map((s) => s.stepId);
  const keep = existing.filter((s) => ran.has(s.stepId) && nextIds.has(s.stepId)).map((s) => s.stepId);
  return { schedule, cancel, keep };
}
