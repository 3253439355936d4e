import { extractFeatures } from './features.ts';

/** A message as the model sees it: feature indexes with their values (sparse). */
export interface SparseVector {
  indexes: number[];
  values: number[];
}

/**
 * A message's features share one unit of weight (each counts 1/√n), so a long report does not
 * shout louder than a short one.
 */
export function vectorise(names: readonly string[], index: ReadonlyMap<string, number>): SparseVector {
  // Scaled by all of the message's features, known or not, so pruning the vocabulary of a saved
  // model does not change how much the remaining ones count.
  const scale = names.length > 0 ? 1 / Math.sqrt(names.length) : 0;
  const found: [number, number][] = [];
  for (const name of names) {
    const i = index.get(name);
    if (i !== undefined) found.push([i, scale]);
  }
  // In index order, so every sum over a message's features runs in one order on every run.
  found.sort((a, b) => a[0] - b[0]);
  return { indexes: found.map(([i]) => i), values: found.map(([, v]) => v) };
}

export function featureNamesOf(text: string): string[] {
  return extractFeatures(text).names;
}
