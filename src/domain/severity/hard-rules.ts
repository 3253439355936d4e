import { severityRank, type Severity } from '../types.ts';

/** The contract's own rules, applied after the model: each is a fact the definitions decide on. */
export interface HardRule {
  id: 'breach-or-data-loss' | 'past-resolved' | 'sandbox-only';
  /** The card's sentence when the rule changed the model's answer. */
  says: string;
}

export const HARD_RULES: Record<HardRule['id'], HardRule> = {
  'breach-or-data-loss': {
    id: 'breach-or-data-loss',
    says: 'the contract makes a confirmed breach or data loss S1, and the message reports one',
  },
  'past-resolved': {
    id: 'past-resolved',
    says: 'the message mentions a problem that has already recovered, which the contract treats as a question (S4)',
  },
  'sandbox-only': {
    id: 'sandbox-only',
    says: 'only a sandbox or test environment is affected, which the contract holds at S3 at most',
  },
};

/**
 * Applies the rules to the model's severity given the facts found (non-negated). A reported
 * breach or data loss, not asked about and not in a sandbox, is S1; a recovered problem with
 * nothing still failing is S4; a sandbox-only problem is at most S3. Returns the rule that
 * changed the severity, if any.
 */
export function applyHardRules(
  severity: Severity,
  facts: ReadonlySet<string>,
): { severity: Severity; rule?: HardRule } {
  const isSandboxOnly = facts.has('sandbox') && !facts.has('production');
  const isReported = !facts.has('question') && !facts.has('question_mark');
  if ((facts.has('exposure') || facts.has('data_destroyed')) && isReported && !isSandboxOnly && severity !== 'S1')
    return { severity: 'S1', rule: HARD_RULES['breach-or-data-loss'] };
  if (facts.has('recovered') && !facts.has('ongoing') && severity !== 'S4')
    return { severity: 'S4', rule: HARD_RULES['past-resolved'] };
  if (isSandboxOnly && severityRank(severity) < severityRank('S3'))
    return { severity: 'S3', rule: HARD_RULES['sandbox-only'] };
  return { severity };
}
