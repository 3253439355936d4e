import { SEVERITIES, type Severity } from '../types.ts';
import type { TicketSignal } from '../ticket.ts';
import { explainClassification, weightiestFeatures } from './explain.ts';
import { applyHardRules, type HardRule } from './hard-rules.ts';
import { extractFeatures } from './model/features.ts';
import type { SeverityModel } from './model/model-file.ts';
import { logits, softmax } from './model/softmax.ts';
import { vectorise } from './model/vectorise.ts';

export interface Classification {
  severity: Severity;
  /** Calibrated probability of the chosen severity (the model's, before a hard rule). */
  confidence: number;
  probabilities: Record<Severity, number>;
  /** P(S1) passed the model's threshold but S1 was not chosen: page now, ask the customer. */
  isPossibleS1: boolean;
  /** The features that weighed most for the chosen severity, in words. */
  signals: TicketSignal[];
  /** The hard rule that overrode the model, if any. */
  rule?: HardRule;
  /** One or two plain sentences for the ticket card. */
  reason: string;
  proposedSeverity?: Severity;
}

/**
 * Classifies a ticket against the contract definitions: the trained model's calibrated
 * probabilities, then the contract's hard rules. Pure: the model comes in loaded.
 * A customer's own proposal of S1 makes the ticket a possible S1; other proposals are recorded.
 */
export function classifyTicket({
  text,
  proposedSeverity,
  model,
}: {
  text: string;
  proposedSeverity?: Severity;
  model: SeverityModel;
}): Classification {
  const { names, factMatches } = extractFeatures(text);
  const x = vectorise(names, model.index);
  const p = softmax(logits(x, model.weights, model.bias), model.temperature);
  const top = (p[0] as number) >= model.s1Threshold ? 0 : p.indexOf(Math.max(...p));
  const modelSeverity = SEVERITIES[top] as Severity;
  const facts = new Set(names.filter((n) => n.startsWith('f:')).map((n) => n.slice(2)));
  const { severity, rule } = applyHardRules(modelSeverity, facts);
  // A contract rule that held the ticket below S1 (sandbox only, already recovered) is not overruled by a page.
  const isPossibleS1 =
    severity !== 'S1' && !rule && ((p[0] as number) >= model.possibleS1Threshold || proposedSeverity === 'S1');
  const signals = weightiestFeatures({ x, model, classIndex: SEVERITIES.indexOf(severity), factMatches });
  const probabilities = Object.fromEntries(SEVERITIES.map((s, i) => [s, p[i] as number])) as Record<Severity, number>;
  const decided = {
    severity,
    confidence: p[top] as number,
    probabilities,
    isPossibleS1,
    signals,
    ...(rule ? { rule } : {}),
    ...(proposedSeverity ? { proposedSeverity } : {}),
  };
  return { ...decided, reason: explainClassification({ ...decided, modelSeverity }) };
}
