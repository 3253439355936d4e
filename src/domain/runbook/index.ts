export {
  ZRunbook,
  ZRunbookStep,
  STEP_ACTIONS,
  STEP_CONDITIONS,
  STEP_ANCHORS,
  ESCALATION_TARGETS,
  type Runbook,
  type RunbookStep,
  type StepAction,
  type StepCondition,
  type StepAnchor,
  type EscalationTarget,
} from './schema.ts';
export {
  freezePlan,
  planSteps,
  dueAtOf,
  type FrozenPlan,
  type PlannedStep,
  type IncidentMoments,
  type AddBusinessMinutes,
} from './plan.ts';
export { isConditionMet, type IncidentFacts } from './conditions.ts';
export { replanIncident, type ExistingStep, type Replan } from './replan.ts';
export { freezeTicketPlan, isImmediatePage } from './possible-s1.ts';
export { incidentChannelName, formatOffset } from './naming.ts';
