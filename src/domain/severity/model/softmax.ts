import type { SparseVector } from './vectorise.ts';

/** Class scores of one message: bias plus its features' weights (flat, `weights[feature * classes + class]`). */
export function logits(x: SparseVector, weights: Float64Array, bias: readonly number[]): number[] {
  const classes = bias.length;
  const z = [...bias];
  for (let k = 0; k < x.indexes.length; k++) {
    const base = (x.indexes[k] as number) * classes;
    const v = x.values[k] as number;
    for (let c = 0; c < classes; c++) z[c] = (z[c] as number) + v * (weights[base + c] as number);
  }
  return z;
}

/** Probabilities from scores, divided by the calibration temperature first. */
export function softmax(z: readonly number[], temperature = 1): number[] {
  const scaled = z.map((v) => v / temperature);
  const max = Math.max(...scaled);
  const exps = scaled.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
