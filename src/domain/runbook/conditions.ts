import type { StepCondition } from './schema.ts';

export interface IncidentFacts {
  acknowledgedAt?: Date | null;
  engagedAt?: Date | null;
  resolvedAt?: Date | null;
}

/**
 * Whether a step's condition holds at fire time. Escalations follow incident age and resolution,
 * not acknowledgement: an acknowledged but unresolved S1 still reaches the manager.
 */
export function isConditionMet(condition: StepCondition, facts: IncidentFacts): boolean {
  switch (condition) {
    case 'always':
      return true;
    case 'unacknowledged':
      return !facts.acknowledgedAt && !facts.resolvedAt;
    case 'unresolved':
      return !facts.resolvedAt;
    case 'acknowledged-not-engaged':
      return Boolean(facts.acknowledgedAt) && !facts.engagedAt && !facts.resolvedAt;
  }
}
