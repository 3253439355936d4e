import { describe, expect, it } from 'vitest';
import { fitTemperature, possibleS1Threshold, reliability } from '../../../../src/domain/severity/model/calibrate.ts';
import { modelFileText, modelFromFile, ZSeverityModelFile } from '../../../../src/domain/severity/index.ts';
import { softmax } from '../../../../src/domain/severity/model/softmax.ts';
import { predictProbabilities, trainLinearModel } from '../../../../src/domain/severity/model/train.ts';
import type { Severity } from '../../../../src/domain/types.ts';

const OPTIONS = { minExamples: 1, l2: 1e-5, iterations: 80, learningRate: 0.1 };
// Four severities told apart by one word each, with a shared word that must not decide.
const toy = (['S1', 'S2', 'S3', 'S4'] as const).flatMap((severity) =>
  [0, 1, 2].map((i) => ({ names: [`w:${severity.toLowerCase()}`, 'w:hello', `w:noise${i}`], severity })),
);

describe('training the linear model', () => {
  it('learns which features point at which severity', () => {
    const model = trainLinearModel(toy, OPTIONS);
    for (const severity of ['S1', 'S2', 'S3', 'S4'] as const) {
      const p = predictProbabilities(model, [`w:${severity.toLowerCase()}`, 'w:hello']);
      expect(['S1', 'S2', 'S3', 'S4'][p.indexOf(Math.max(...p))]).toBe(severity);
    }
  });

  it('gives the same weights, to the bit, on every run', () => {
    const [a, b] = [trainLinearModel(toy, OPTIONS), trainLinearModel(toy, OPTIONS)];
    expect(Buffer.from(a.weights.buffer)).toEqual(Buffer.from(b.weights.buffer));
    expect(a.bias).toEqual(b.bias);
  });

  it('counts a weighted example more', () => {
    const conflicting = [
      { names: ['w:blank'], severity: 'S1' as Severity, weight: 3 },
      { names: ['w:blank'], severity: 'S3' as Severity },
    ];
    const p = predictProbabilities(trainLinearModel(conflicting, OPTIONS), ['w:blank']);
    expect(p[0]).toBeGreaterThan(p[2] as number);
  });

  it('writes a file that loads back to the same predictions, leaving out zero weights', () => {
    const model = trainLinearModel(toy, OPTIONS);
    const meta = {
      temperature: 1,
      s1Threshold: 0.5,
      possibleS1Threshold: 0.3,
      training: {
        examples: 12,
        corrections: 0,
        bySeverity: { S1: 3, S2: 3, S3: 3, S4: 3 },
        options: {},
        crossValidation: {},
      },
    };
    const text = modelFileText(model, meta);
    const loaded = modelFromFile(ZSeverityModelFile.parse(JSON.parse(text)));
    expect(loaded.features).not.toContain('w:never-seen');
    const [before, after] = [
      predictProbabilities(model, ['w:s2', 'w:hello']),
      predictProbabilities(loaded, ['w:s2', 'w:hello']),
    ];
    after.forEach((p, i) => expect(p).toBeCloseTo(before[i] as number, 3));
    expect(modelFileText(model, meta)).toBe(text);
  });
});

describe('calibration', () => {
  it('cools an overconfident model: a temperature above 1 when confident answers are often wrong', () => {
    const heldOut = Array.from({ length: 40 }, (_, i) => ({
      logits: [6, 0, 0, 0],
      severity: (i % 2 === 0 ? 'S1' : 'S2') as Severity,
    }));
    expect(fitTemperature(heldOut)).toBeGreaterThan(1);
  });

  it('sets the possible-S1 threshold so that the target share of S1s is caught', () => {
    // Ten S1s the model ranked second, with P(S1) from about 0.05 to 0.40, and 90 it got right.
    const missed = Array.from({ length: 10 }, (_, i) => ({
      logits: [Math.log(0.05 + 0.04 * i), Math.log(0.5), -9, -9],
      severity: 'S1' as Severity,
    }));
    const caught = Array.from({ length: 90 }, () => ({ logits: [3, 0, 0, 0], severity: 'S1' as Severity }));
    const threshold = possibleS1Threshold([...missed, ...caught], 1, 0.98);
    const pS1 = (l: number[]) => softmax(l)[0] as number;
    const flagged = missed.filter((m) => pS1(m.logits) >= threshold).length;
    expect(flagged).toBe(8); // 90 + 8 of 100 = 98 %
  });

  it('bins confidences and measures the gap to accuracy', () => {
    const { bins, ece } = reliability([
      { confidence: 0.95, isCorrect: true },
      { confidence: 0.95, isCorrect: false },
    ]);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(ece).toBeCloseTo(0.45, 5);
  });
});
