import { loadSeverityModel } from '../config/load-severity-model.ts';
import { classifyTicket } from '../domain/severity/index.ts';
import { reliability } from '../domain/severity/model/calibrate.ts';
import { CORPUS_DIRS, readCorpus } from './severity/corpus.ts';
import { evaluate, formatScores } from './severity/evaluate.ts';

/**
 * `npm run eval:severity`: the model (TPLUS_SEVERITY_MODEL) on the frozen test split, which no
 * training or tuning reads: accuracy, per-class recall and precision, S1 safety, the confusion
 * matrix, the hard families, and the reliability of the stated confidence.
 */
function evalSeverity(): number {
  const model = loadSeverityModel(process.env.TPLUS_SEVERITY_MODEL ?? 'models/severity.json');
  const test = readCorpus(CORPUS_DIRS.test);
  process.stdout.write(`${formatScores('frozen test split', evaluate(model, test))}\n`);
  const { bins, ece } = reliability(
    test.map((m) => {
      const c = classifyTicket({ text: m.text, model });
      return { confidence: c.confidence, isCorrect: c.severity === m.severity };
    }),
  );
  process.stdout.write(`  reliability (confidence bin: messages, mean confidence → accuracy), ECE ${ece.toFixed(3)}\n`);
  for (const bin of bins.filter((b) => b.count > 0))
    process.stdout.write(
      `    ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${String(bin.count).padStart(3)}, ${bin.confidence.toFixed(2)} → ${bin.accuracy.toFixed(2)}\n`,
    );
  return 0;
}

process.exitCode = evalSeverity();
