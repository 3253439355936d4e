import type { Severity } from '../types.ts';
import type { Runbook, RunbookStep, StepAnchor } from './schema.ts';

/** The moments a plan's offsets count from; undefined until they happen. */
export interface IncidentMoments {
  startedAt: Date;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
}

/** Adds business minutes in the customer's calendar; absent for incidents without a customer. */
export type AddBusinessMinutes = (from: Date, minutes: number) => Date;

export interface PlannedStep {
  stepId: string;
  anchor: StepAnchor;
  /** Undefined while the anchor has not happened (an ack step before the ack). */
  dueAt: Date | undefined;
}

/** The frozen copy of a runbook an incident runs on: editing the file never changes it. */
export interface FrozenPlan {
  severity: Severity;
  pageSeverity: Runbook['pageSeverity'];
  steps: RunbookStep[];
  /** The ticket may be an S1 (the classifier's doubt): pages say "possible S1: confirm". */
  isPossibleS1?: boolean;
}

export function freezePlan(runbook: Runbook): FrozenPlan {
  return structuredClone({ severity: runbook.severity, pageSeverity: runbook.pageSeverity, steps: runbook.steps });
}

function anchorTime(anchor: StepAnchor, moments: IncidentMoments): Date | undefined {
  if (anchor === 'start') return moments.startedAt;
  if (anchor === 'acknowledged') return moments.acknowledgedAt ?? undefined;
  return moments.resolvedAt ?? undefined;
}

/** When a step is due, given what has happened; business-time offsets fall back to elapsed time without a calendar. */
export function dueAtOf(
  step: RunbookStep,
  moments: IncidentMoments,
  addBusinessMinutes?: AddBusinessMinutes,
): Date | undefined {
  const from = anchorTime(step.at.after, moments);
  if (!from) return undefined;
  if (step.at.isBusinessTime && addBusinessMinutes) return addBusinessMinutes(from, step.at.minutes);
  return new Date(from.getTime() + step.at.minutes * 60_000);
}

/** Every step of the plan with its due time, in due order (unanchored steps last, in file order). */
export function planSteps(
  plan: FrozenPlan,
  moments: IncidentMoments,
  addBusinessMinutes?: AddBusinessMinutes,
): PlannedStep[] {
  const planned = plan.steps.map((step, index) => ({
    stepId: step.id,
    anchor: step.at.after,
    dueAt: dueAtOf(step, moments, addBusinessMinutes),
    index,
  }));
  planned.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity) || a.index - b.index);
  return planned.map(({ stepId, anchor, dueAt }) => ({ stepId, anchor, dueAt }));
}
