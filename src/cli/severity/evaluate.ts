import { SEVERITIES, severityRank, type Severity } from '../../domain/types.ts';
import { classifyTicket, type SeverityModel } from '../../domain/severity/index.ts';
import { reliability } from '../../domain/severity/model/calibrate.ts';
import type { LabelledMessage } from './corpus.ts';

export interface Scores {
  messages: number;
  accuracy: number;
  recall: Record<Severity, number>;
  precision: Record<Severity, number>;
  /** Rows: the true severity; columns: the one classified. */
  confusion: Record<Severity, Record<Severity, number>>;
  s1Recall: number;
  /** S1 messages classified S3 or S4 and not flagged as a possible S1: nobody would be paged. */
  s1Unpaged: number;
  /** Non-S1 messages classified S1: false pages. */
  falseS1: number;
  falseS1Rate: number;
  /** Non-S1 messages flagged as possible S1 (paged to be sure). */
  possibleS1Pages: number;
  families: Record<string, { messages: number; accuracy: number }>;
  ece: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 1e4) / 1e4);

/** Scores the model on labelled messages exactly as tplus classifies tickets. */
export function evaluate(model: SeverityModel, messages: readonly LabelledMessage[]): Scores {
  const confusion = Object.fromEntries(
    SEVERITIES.map((s) => [s, Object.fromEntries(SEVERITIES.map((t) => [t, 0]))]),
  ) as Record<Severity, Record<Severity, number>>;
  const families: Record<string, { messages: number; correct: number }> = {};
  const calibration: { confidence: number; isCorrect: boolean }[] = [];
  let [s1Unpaged, possibleS1Pages] = [0, 0];
  for (const m of messages) {
    const c = classifyTicket({ text: m.text, model });
    confusion[m.severity][c.severity] += 1;
    const family = (families[m.family] ??= { messages: 0, correct: 0 });
    family.messages += 1;
    family.correct += c.severity === m.severity ? 1 : 0;
    calibration.push({ confidence: c.confidence, isCorrect: c.severity === m.severity });
    if (m.severity === 'S1' && severityRank(c.severity) >= 3 && !c.isPossibleS1) s1Unpaged += 1;
    if (m.severity !== 'S1' && c.isPossibleS1) possibleS1Pages += 1;
  }
  const count = (s: Severity) => SEVERITIES.reduce((n, t) => n + confusion[s][t], 0);
  const predicted = (t: Severity) => SEVERITIES.reduce((n, s) => n + confusion[s][t], 0);
  const correct = SEVERITIES.reduce((n, s) => n + confusion[s][s], 0);
  const falseS1 = predicted('S1') - confusion.S1.S1;
  const nonS1 = messages.length - count('S1');
  return {
    messages: messages.length,
    accuracy: ratio(correct, messages.length),
    recall: Object.fromEntries(SEVERITIES.map((s) => [s, ratio(confusion[s][s], count(s))])) as Record<
      Severity,
      number
    >,
    precision: Object.fromEntries(SEVERITIES.map((s) => [s, ratio(confusion[s][s], predicted(s))])) as Record<
      Severity,
      number
    >,
    confusion,
    s1Recall: ratio(confusion.S1.S1, count('S1')),
    s1Unpaged,
    falseS1,
    falseS1Rate: ratio(falseS1, nonS1),
    possibleS1Pages,
    families: Object.fromEntries(
      Object.entries(families)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, f]) => [name, { messages: f.messages, accuracy: ratio(f.correct, f.messages) }]),
    ),
    ece: Math.round(reliability(calibration).ece * 1e4) / 1e4,
  };
}

const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;

/** The report `npm run eval:severity` and `tplus train` print. */
export function formatScores(title: string, s: Scores): string {
  const lines = [
    `${title}: ${s.messages} messages`,
    `  accuracy ${pct(s.accuracy)} · S1 recall ${pct(s.s1Recall)} · S1 classified S3/S4 and not flagged ${s.s1Unpaged} · false S1 ${s.falseS1} (${pct(s.falseS1Rate)} of non-S1) · possible-S1 pages of non-S1 ${s.possibleS1Pages} · calibration error (ECE) ${s.ece.toFixed(3)}`,
    `  per class   ${SEVERITIES.map((c) => `${c} recall ${pct(s.recall[c])} precision ${pct(s.precision[c])}`).join(' · ')}`,
    `  confusion (rows true, columns classified)   ${SEVERITIES.join('   ')}`,
    ...SEVERITIES.map((r) => `    ${r}   ${SEVERITIES.map((c) => String(s.confusion[r][c]).padStart(4)).join(' ')}`),
    `  families: ${Object.entries(s.families)
      .map(([name, f]) => `${name} ${pct(f.accuracy)} (${f.messages})`)
      .join(' · ')}`,
  ];
  return lines.join('\n');
}
