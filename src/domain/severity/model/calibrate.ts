import { SEVERITIES, type Severity } from '../../types.ts';
import { softmax } from './softmax.ts';

/** One held-out prediction: the model's raw class scores and the true severity. */
export interface HeldOut {
  logits: number[];
  severity: Severity;
}

/** The temperature that minimises the log loss of held-out predictions (a grid, so it is deterministic). */
export function fitTemperature(heldOut: readonly HeldOut[]): number {
  let best = { temperature: 1, loss: Infinity };
  for (let step = 20; step <= 400; step++) {
    const temperature = step / 100;
    let loss = 0;
    for (const { logits, severity } of heldOut) {
      const p = softmax(logits, temperature)[SEVERITIES.indexOf(severity)] as number;
      loss -= Math.log(Math.max(p, 1e-12));
    }
    if (loss < best.loss) best = { temperature, loss };
  }
  return best.temperature;
}

/**
 * The highest P(S1) threshold at which S1 recall, counting a possible S1 as caught, reaches
 * `targetRecall` on the held-out predictions.
 */
export function possibleS1Threshold(heldOut: readonly HeldOut[], temperature: number, targetRecall: number): number {
  const s1 = heldOut.filter((h) => h.severity === 'S1');
  const missed = s1
    .map((h) => softmax(h.logits, temperature))
    .filter((p) => p.indexOf(Math.max(...p)) !== 0)
    .map((p) => p[0] as number)
    .sort((a, b) => b - a);
  const allowedMisses = Math.floor(s1.length * (1 - targetRecall));
  if (missed.length <= allowedMisses) return 0.5;
  // Catch every missed S1 down to the (allowedMisses + 1)-th lowest P(S1).
  return missed[missed.length - allowedMisses - 1] as number;
}

/**
 * The lowest P(S1), from 0.20 to 0.50, at which calling a message S1 (even when another severity
 * is more probable) keeps the held-out false-S1 rate within `maxFalseS1Rate`: as many S1s as the
 * false-page budget allows. 0.5 when none does.
 */
export function s1DecisionThreshold(heldOut: readonly HeldOut[], temperature: number, maxFalseS1Rate: number): number {
  const others = heldOut
    .filter((h) => h.severity !== 'S1')
    .map((h) => softmax(h.logits, temperature))
    .map((p) => ({ pS1: p[0] as number, isTop: p.indexOf(Math.max(...p)) === 0 }));
  for (let step = 20; step <= 50; step++) {
    const threshold = step / 100;
    const falseS1 = others.filter((o) => o.isTop || o.pS1 >= threshold).length;
    if (falseS1 <= maxFalseS1Rate * others.length) return threshold;
  }
  return 0.5;
}

/** Reliability on a labelled set: per confidence bin, how often the chosen severity was right. */
export function reliability(
  predictions: readonly { confidence: number; isCorrect: boolean }[],
  bins = 10,
): { bins: { from: number; to: number; count: number; confidence: number; accuracy: number }[]; ece: number } {
  const out = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    count: 0,
    confidence: 0,
    accuracy: 0,
  }));
  for (const { confidence, isCorrect } of predictions) {
    const bin = out[Math.min(bins - 1, Math.floor(confidence * bins))]!;
    bin.count += 1;
    bin.confidence += confidence;
    bin.accuracy += isCorrect ? 1 : 0;
  }
  let ece = 0;
  for (const bin of out) {
    if (bin.count === 0) continue;
    ece += (bin.count / predictions.length) * Math.abs(bin.accuracy / bin.count - bin.confidence / bin.count);
    bin.confidence /= bin.count;
    bin.accuracy /= bin.count;
  }
  return { bins: out, ece };
}
