import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { modelFileText, modelFromFile, ZSeverityModelFile } from '../domain/severity/index.ts';
import { extractFeatures } from '../domain/severity/model/features.ts';
import { fitSeverityModel } from '../domain/severity/model/fit.ts';
import { CORPUS_DIRS, readCorpus } from './severity/corpus.ts';
import { readCorrections } from './severity/corrections.ts';
import { evaluate, formatScores } from './severity/evaluate.ts';

const USAGE = 'usage: tplus train [--out <model.json>] [--corpus-only]\n';
/** A correction counts as much as this many corpus messages: the team's own words, judged by its own responders. */
const CORRECTION_WEIGHT = 2;

/**
 * `tplus train` / `npm run train:severity`: trains the severity model on the corpus plus the
 * team's corrections from DATABASE_URL, writes the model file (TPLUS_SEVERITY_MODEL) and prints
 * the scores of the old and the new model on the frozen test split, which training never reads.
 */
async function train(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, 'corpus-only': { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const out = resolve(values.out ?? process.env.TPLUS_SEVERITY_MODEL ?? 'models/severity.json');
  const corpus = readCorpus(CORPUS_DIRS.train);
  const corrections = values['corpus-only']
    ? []
    : await readCorrections(process.env.DATABASE_URL ?? 'file:./data/tplus.db');
  const examples = [
    ...corpus.map((m) => ({ names: extractFeatures(m.text).names, severity: m.severity })),
    ...corrections.map((m) => ({
      names: extractFeatures(m.text).names,
      severity: m.severity,
      weight: CORRECTION_WEIGHT,
      isCorrection: true,
    })),
  ];
  const started = performance.now();
  const { model, meta } = fitSeverityModel(examples);
  const text = modelFileText(model, meta);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const test = readCorpus(CORPUS_DIRS.test);
  if (existsSync(out)) {
    const previous = ZSeverityModelFile.safeParse(JSON.parse(readFileSync(out, 'utf8')));
    process.stdout.write(
      previous.success
        ? `${formatScores('before, on the frozen test split', evaluate(modelFromFile(previous.data), test))}\n`
        : 'before: the previous model file is of another format and was not scored\n',
    );
  }
  const after = modelFromFile(ZSeverityModelFile.parse(JSON.parse(text)));
  process.stdout.write(`${formatScores('after, on the frozen test split', evaluate(after, test))}\n`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, text);
  renameSync(`${out}.tmp`, out);
  process.stdout.write(
    `trained on ${corpus.length} corpus messages and ${corrections.length} corrections in ${seconds} s ` +
      `(temperature ${after.temperature}, S1 at P(S1) ≥ ${after.s1Threshold}, possible S1 at ≥ ${after.possibleS1Threshold}); wrote ${out}\n`,
  );
  return 0;
}

process.exitCode = await train(process.argv.slice(2));
