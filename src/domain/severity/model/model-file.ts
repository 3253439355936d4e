import { z } from 'zod';
import { SEVERITIES } from '../../types.ts';
import { FEATURE_VERSION } from './text.ts';
import type { LinearModel } from './train.ts';

/** Four significant decimals: enough for the decisions, and the file reads the same on every run. */
const round = (value: number): number => Math.round(value * 1e4) / 1e4;

export const ZSeverityModelFile = z
  .object({
    kind: z.literal('tplus-severity-model'),
    featureVersion: z.literal(FEATURE_VERSION),
    classes: z.tuple([z.literal('S1'), z.literal('S2'), z.literal('S3'), z.literal('S4')]),
    /** Softmax temperature fitted on out-of-fold predictions of the training examples. */
    temperature: z.number().positive(),
    /** P(S1) at or above which a ticket is S1 even when another severity is more probable. */
    s1Threshold: z.number().min(0).max(1),
    /** P(S1) at or above which a ticket not classified S1 is a possible S1 (paged, customer asked). */
    possibleS1Threshold: z.number().min(0).max(1),
    training: z.object({
      examples: z.number().int().nonnegative(),
      corrections: z.number().int().nonnegative(),
      bySeverity: z.record(z.enum(SEVERITIES), z.number().int().nonnegative()),
      options: z.record(z.string(), z.number()),
      crossValidation: z.record(z.string(), z.number()),
    }),
    bias: z.array(z.number()).length(SEVERITIES.length),
    /** Feature name → weight per class, in `classes` order; features whose weights round to 0 are left out. */
    weights: z.record(z.string(), z.array(z.number()).length(SEVERITIES.length)),
  })
  .strict();

export type SeverityModelFile = z.infer<typeof ZSeverityModelFile>;

/** The loaded model: the linear part in flat arrays for fast scoring, plus its calibration. */
export interface SeverityModel extends LinearModel {
  index: ReadonlyMap<string, number>;
  temperature: number;
  s1Threshold: number;
  possibleS1Threshold: number;
}

export function modelFromFile(file: SeverityModelFile): SeverityModel {
  const features = Object.keys(file.weights);
  const weights = new Float64Array(features.length * SEVERITIES.length);
  features.forEach((name, f) => weights.set(file.weights[name] as number[], f * SEVERITIES.length));
  return {
    features,
    weights,
    bias: file.bias,
    index: new Map(features.map((name, i) => [name, i])),
    temperature: file.temperature,
    s1Threshold: file.s1Threshold,
    possibleS1Threshold: file.possibleS1Threshold,
  };
}

/** The file's text: keys sorted, numbers rounded, so a retrain on the same examples is byte-identical. */
export function modelFileText(
  model: LinearModel,
  meta: Omit<SeverityModelFile, 'weights' | 'bias' | 'kind' | 'featureVersion' | 'classes'>,
): string {
  const weights: Record<string, number[]> = {};
  model.features.forEach((name, f) => {
    const row = Array.from(model.weights.subarray(f * SEVERITIES.length, (f + 1) * SEVERITIES.length), round);
    if (row.some((w) => w !== 0)) weights[name] = row;
  });
  const file: SeverityModelFile = {
    kind: 'tplus-severity-model',
    featureVersion: FEATURE_VERSION,
    classes: [...SEVERITIES],
    temperature: round(meta.temperature),
    s1Threshold: round(meta.s1Threshold),
    possibleS1Threshold: round(meta.possibleS1Threshold),
    training: meta.training,
    bias: model.bias.map(round),
    weights,
  };
  // One feature per line keeps the file diffable when a team retrains on its corrections.
  const head = JSON.stringify({ ...file, weights: undefined }, null, 2).replace(/\n}$/, '');
  const rows = Object.entries(weights).map(([name, row]) => `    ${JSON.stringify(name)}: ${JSON.stringify(row)}`);
  return `${head},\n  "weights": {\n${rows.join(',\n')}\n  }\n}\n`;
}
