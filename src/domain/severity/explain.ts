import type { Severity } from '../types.ts';
import type { TicketSignal } from '../ticket.ts';
import type { HardRule } from './hard-rules.ts';
import { FACTS } from './model/facts.ts';
import type { SeverityModel } from './model/model-file.ts';
import type { SparseVector } from './model/vectorise.ts';

const FACT_SAYS = new Map(FACTS.map((f) => [f.id, f.says]));
const SHOWN = 3;
/** Words that weigh in the model but say nothing to a reader as a reason. */
const UNREADABLE =
  /(^|_)(0|i|a|an|the|to|of|and|or|is|it|we|our|in|on|for|this|that|you|your|my|me|us|be|at|as|so|s|\^|\$)(_|$)/;

/**
 * The features that pushed hardest toward `classIndex` against the other classes' average,
 * worded for a responder; filler words count in the model but are not shown.
 */
export function weightiestFeatures({
  x,
  model,
  classIndex,
  factMatches,
}: {
  x: SparseVector;
  model: SeverityModel;
  classIndex: number;
  factMatches: ReadonlyMap<string, string>;
}): TicketSignal[] {
  const classes = model.bias.length;
  const pushes: { name: string; push: number }[] = [];
  x.indexes.forEach((f, k) => {
    const name = model.features[f] as string;
    if (!isReadable(name)) return;
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += model.weights[f * classes + c] as number;
    const push = (x.values[k] as number) * ((model.weights[f * classes + classIndex] as number) - sum / classes);
    if (push > 0) pushes.push({ name, push });
  });
  const shown = pushes
    .sort((a, b) => b.push - a.push || a.name.localeCompare(b.name))
    .map(({ name }) => describe(name, factMatches));
  return shown
    .filter((s, i) => shown.findIndex((t) => t.label === s.label) === i || s.label.startsWith('the word'))
    .slice(0, SHOWN);
}

function isReadable(name: string): boolean {
  if (name.startsWith('f:length_')) return false;
  return !(['w:', 'b:', 'n:'].includes(name.slice(0, 2)) && UNREADABLE.test(name.slice(2)));
}

function describe(name: string, factMatches: ReadonlyMap<string, string>): TicketSignal {
  const [kind, rest] = [name.slice(0, 2), name.slice(2)];
  if (kind === 'f:' && rest === 'question_mark') return { id: name, label: 'it ends in a question mark', matched: '' };
  if (kind === 'f:') return { id: name, label: FACT_SAYS.get(rest) ?? rest, matched: factMatches.get(rest) ?? '' };
  if (kind === 'f!') return { id: name, label: `it denies that ${FACT_SAYS.get(rest) ?? rest}`, matched: '' };
  if (kind === 'n:') return { id: name, label: 'a negated word', matched: `not … ${rest}` };
  if (kind === 'b:')
    return { id: name, label: 'the words', matched: rest.replace('_', ' ').replace(/\^|\$/g, '').trim() };
  return { id: name, label: 'the word', matched: rest };
}

/** Shown as a whole percent, never 100: a model is not certain. */
const percent = (p: number): string => `${Math.min(99, Math.round(p * 100))} %`;

export function explainClassification({
  severity,
  modelSeverity,
  confidence,
  probabilities,
  isPossibleS1,
  signals,
  rule,
  proposedSeverity,
}: {
  severity: Severity;
  modelSeverity: Severity;
  confidence: number;
  probabilities: Record<Severity, number>;
  isPossibleS1: boolean;
  signals: readonly TicketSignal[];
  rule?: HardRule;
  proposedSeverity?: Severity;
}): string {
  const because = signals.map((s) => (s.matched ? `${s.label} (“${s.matched}”)` : s.label)).join('; ');
  const sentences = [
    rule
      ? `${severity} because ${rule.says}; the model said ${modelSeverity} (${percent(confidence)}).`
      : `${severity} (${percent(confidence)} confident)${because ? ` because ${because}` : ''}.`,
  ];
  if (isPossibleS1)
    sentences.push(
      proposedSeverity === 'S1' && probabilities.S1 < 0.5
        ? 'Possible S1: the customer proposed S1; on-call is paged and the customer is asked to confirm.'
        : `Possible S1 (${percent(probabilities.S1)}): on-call is paged and the customer is asked to confirm.`,
    );
  else if (proposedSeverity && proposedSeverity !== severity)
    sentences.push(`The customer proposed ${proposedSeverity}; a responder decides on a change.`);
  return sentences.join(' ');
}
