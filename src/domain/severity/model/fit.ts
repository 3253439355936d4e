import { SEVERITIES, type Severity } from '../../types.ts';
import { fitTemperature, possibleS1Threshold, s1DecisionThreshold, type HeldOut } from './calibrate.ts';
import type { SeverityModelFile } from './model-file.ts';
import { logits } from './softmax.ts';
import { trainLinearModel, type LinearModel, type TrainingExample, type TrainOptions } from './train.ts';
import { vectorise } from './vectorise.ts';

export const DEFAULT_FIT_OPTIONS: TrainOptions & { folds: number; targetS1Recall: number; maxFalseS1Rate: number } = {
  minExamples: 2,
  l2: 3e-6,
  iterations: 120,
  learningRate: 0.1,
  folds: 5,
  targetS1Recall: 0.98,
  maxFalseS1Rate: 0.025,
};

export type FitOptions = typeof DEFAULT_FIT_OPTIONS;

/**
 * Trains on every example, and calibrates on out-of-fold predictions of the same examples (fold
 * = position modulo `folds`, nothing random): the temperature, the P(S1) that decides S1 within
 * the false-page budget, and the possible-S1 threshold for the target S1 recall. No test example
 * is ever seen here.
 */
export function fitSeverityModel(
  examples: readonly (TrainingExample & { isCorrection?: boolean })[],
  options: FitOptions = DEFAULT_FIT_OPTIONS,
): { model: LinearModel; meta: Omit<SeverityModelFile, 'weights' | 'bias' | 'kind' | 'featureVersion' | 'classes'> } {
  const heldOut: HeldOut[] = [];
  for (let fold = 0; fold < options.folds; fold++) {
    const model = trainLinearModel(
      examples.filter((_, i) => i % options.folds !== fold),
      options,
    );
    const index = new Map(model.features.map((name, i) => [name, i]));
    examples.forEach((e, i) => {
      if (i % options.folds === fold)
        heldOut.push({ logits: logits(vectorise(e.names, index), model.weights, model.bias), severity: e.severity });
    });
  }
  const temperature = fitTemperature(heldOut);
  const s1Threshold = s1DecisionThreshold(heldOut, temperature, options.maxFalseS1Rate);
  const threshold = possibleS1Threshold(heldOut, temperature, options.targetS1Recall);
  const correct = heldOut.filter((h) => SEVERITIES[h.logits.indexOf(Math.max(...h.logits))] === h.severity).length;
  const bySeverity = Object.fromEntries(
    SEVERITIES.map((s) => [s, examples.filter((e) => e.severity === s).length]),
  ) as Record<Severity, number>;
  const { folds, targetS1Recall, maxFalseS1Rate, ...trainOptions } = options;
  return {
    model: trainLinearModel(examples, trainOptions),
    meta: {
      temperature,
      s1Threshold,
      possibleS1Threshold: Math.min(threshold, s1Threshold),
      training: {
        examples: examples.length,
        corrections: examples.filter((e) => e.isCorrection).length,
        bySeverity,
        options: { ...trainOptions, folds, targetS1Recall, maxFalseS1Rate },
        crossValidation: { accuracy: Math.round((correct / Math.max(1, heldOut.length)) * 1e4) / 1e4 },
      },
    },
  };
}
