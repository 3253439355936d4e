import type { Severity } from '../types.ts';
import { freezePlan, type FrozenPlan } from './plan.ts';
import type { Runbook, RunbookStep } from './schema.ts';

/** A page at the incident's start: the step that gets on-call moving at once. */
export function isImmediatePage(step: RunbookStep): boolean {
  return step.action === 'page-oncall' && step.at.after === 'start' && step.at.minutes === 0;
}

/**
 * The plan a ticket's incident starts on. A possible S1 is paged at once even when its own
 * severity's runbook does not page (S3, S4): the S1 runbook's T+0 page step is added, and the
 * plan pages at the S1 runbook's page severity, so on-call treats it as the S1 it may be. Its
 * pages say so. A runbook that already pages at T+0 keeps its own step.
 */
export function freezeTicketPlan(
  runbooks: Record<Severity, Runbook>,
  { severity, isPossibleS1 }: { severity: Severity; isPossibleS1: boolean },
): FrozenPlan {
  const plan = freezePlan(runbooks[severity]);
  if (!isPossibleS1 || severity === 'S1') return plan;
  const s1Page = runbooks.S1.steps.find(isImmediatePage);
  const isPagedAtOnce = plan.steps.some(isImmediatePage);
  const added = !isPagedAtOnce && s1Page ? [{ ...structuredClone(s1Page), id: freeId(plan.steps, s1Page.id) }] : [];
  return {
    ...plan,
    pageSeverity: runbooks.S1.pageSeverity,
    steps: [...added, ...plan.steps],
    isPossibleS1: true,
  };
}

/** The S1 step's own id (so a later re-plan to S1 sees the page as already run), unless taken. */
function freeId(steps: RunbookStep[], id: string): string {
  return steps.some((s) => s.id === id) ? `possible-s1-${id}` : id;
}
