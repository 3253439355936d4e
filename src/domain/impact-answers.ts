import { severityRank, type Severity } from './types.ts';

/**
 * The facts the contract's severity definitions turn on, asked of the customer as yes/no
 * questions: S1 is the product unusable for everyone, or data lost or exposed; S2 a major
 * problem without a workaround that can be kept; S3 a problem with a sustainable workaround.
 */
export const IMPACT_QUESTIONS = ['unusable-for-all', 'data-lost-or-exposed', 'workaround'] as const;
export type ImpactQuestion = (typeof IMPACT_QUESTIONS)[number];

export const IMPACT_QUESTION_TEXT: Record<ImpactQuestion, string> = {
  'unusable-for-all': 'Is the product unusable for all your users?',
  'data-lost-or-exposed': 'Is data being lost or exposed to someone who should not see it?',
  workaround: 'Do you have a workaround you can keep using?',
};

/** A customer's answer to one question; the latest answer to a question replaces the earlier one. */
export interface ImpactAnswer {
  isYes: boolean;
  userId: string;
  at: Date;
}

export type ImpactAnswers = Partial<Record<ImpactQuestion, ImpactAnswer>>;

export function isImpactQuestion(value: unknown): value is ImpactQuestion {
  return typeof value === 'string' && (IMPACT_QUESTIONS as readonly string[]).includes(value);
}

/**
 * The severity the answers given so far establish under the contract definitions, or undefined
 * when they do not establish one yet: unusable for all or data lost/exposed → S1; no workaround
 * → at least S2; a workaround with the other two answered No → S3. Answers never establish S4.
 */
export function severityFromImpactAnswers(answers: Partial<Record<ImpactQuestion, boolean>>): Severity | undefined {
  if (answers['unusable-for-all'] === true || answers['data-lost-or-exposed'] === true) return 'S1';
  if (answers.workaround === false) return 'S2';
  if (answers.workaround === true && answers['unusable-for-all'] === false && answers['data-lost-or-exposed'] === false)
    return 'S3';
  return undefined;
}

/** The yes/no values of stored answers, for `severityFromImpactAnswers`. */
export function answeredValues(answers: ImpactAnswers): Partial<Record<ImpactQuestion, boolean>> {
  return Object.fromEntries(
    IMPACT_QUESTIONS.filter((q) => answers[q] !== undefined).map((q) => [q, answers[q]!.isYes]),
  ) as Partial<Record<ImpactQuestion, boolean>>;
}

/**
 * What the answers mean for a ticket at `current` severity: a customer may raise the severity
 * (`raise`), may confirm it (`confirm`), and may only suggest a lower one (`suggest-lower`:
 * recorded and shown, a responder decides). `none` while the answers establish nothing.
 */
export function judgeImpactAnswers(
  answers: ImpactAnswers,
  current: Severity,
): { outcome: 'raise' | 'confirm' | 'suggest-lower'; severity: Severity } | { outcome: 'none' } {
  const severity = severityFromImpactAnswers(answeredValues(answers));
  if (!severity) return { outcome: 'none' };
  const diff = severityRank(severity) - severityRank(current);
  return { outcome: diff < 0 ? 'raise' : diff === 0 ? 'confirm' : 'suggest-lower', severity };
}
