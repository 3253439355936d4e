import { SEVERITIES, type Severity } from '../../types.ts';
import { logits, softmax } from './softmax.ts';
import { vectorise, type SparseVector } from './vectorise.ts';

export interface TrainingExample {
  names: readonly string[];
  severity: Severity;
  /** How much this example counts; a team's own corrections may count more than the corpus. */
  weight?: number;
}

export interface TrainOptions {
  /** A feature enters the vocabulary when at least this many examples have it. */
  minExamples: number;
  l2: number;
  iterations: number;
  learningRate: number;
}

export interface LinearModel {
  features: string[];
  /** `weights[feature * classes + class]`. */
  weights: Float64Array;
  bias: number[];
}

/**
 * Multinomial logistic regression with L2, full-batch Adam from zero weights. Nothing random and
 * a fixed order of every sum, so the same examples give the same model on every run.
 */
export function trainLinearModel(examples: readonly TrainingExample[], options: TrainOptions): LinearModel {
  const features = vocabulary(examples, options.minExamples);
  const index = new Map(features.map((name, i) => [name, i]));
  const xs: SparseVector[] = examples.map((e) => vectorise(e.names, index));
  const ys = examples.map((e) => SEVERITIES.indexOf(e.severity));
  const total = examples.reduce((sum, e) => sum + (e.weight ?? 1), 0);
  const classes = SEVERITIES.length;
  const size = (features.length + 1) * classes; // the last row is the bias
  const params = new Float64Array(size);
  const [m, v, grad] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  const [b1, b2, eps] = [0.9, 0.999, 1e-8];
  const biasBase = features.length * classes;
  for (let t = 1; t <= options.iterations; t++) {
    grad.fill(0);
    const bias = Array.from(params.subarray(biasBase));
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as SparseVector;
      const p = softmax(logits(x, params, bias));
      const w = (examples[i]?.weight ?? 1) / total;
      for (let c = 0; c < classes; c++) {
        const err = w * ((p[c] as number) - (c === ys[i] ? 1 : 0));
        grad[biasBase + c] = (grad[biasBase + c] as number) + err;
        for (let k = 0; k < x.indexes.length; k++) {
          const at = (x.indexes[k] as number) * classes + c;
          grad[at] = (grad[at] as number) + err * (x.values[k] as number);
        }
      }
    }
    const step = (options.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
    for (let j = 0; j < size; j++) {
      const g = (grad[j] as number) + (j < biasBase ? options.l2 * (params[j] as number) : 0);
      m[j] = b1 * (m[j] as number) + (1 - b1) * g;
      v[j] = b2 * (v[j] as number) + (1 - b2) * g * g;
      params[j] = (params[j] as number) - (step * (m[j] as number)) / (Math.sqrt(v[j] as number) + eps);
    }
  }
  return { features, weights: params.slice(0, biasBase), bias: Array.from(params.subarray(biasBase)) };
}

/** Features seen in at least `minExamples` examples, sorted so the file is stable. */
function vocabulary(examples: readonly TrainingExample[], minExamples: number): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) for (const name of new Set(e.names)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= minExamples)
    .map(([name]) => name)
    .sort();
}

export function predictProbabilities(model: LinearModel, names: readonly string[], temperature = 1): number[] {
  const index = new Map(model.features.map((name, i) => [name, i]));
  return softmax(logits(vectorise(names, index), model.weights, model.bias), temperature);
}
