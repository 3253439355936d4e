import { extractFeatures } from './features.ts';

/** A message as the model sees it: feature indexes with their values (sparse). */
export interface SparseVector {
  indexes: number[];
  values: number[];
}

/**
 * Word and character features share one unit of weight per message (so a long report does not
 * shout louder than a short one); each fact feature counts 1 on its own.
 */
export function vectorise(names: readonly string[], index: ReadonlyMap<string, number>): SparseVector {
  // Scaled by all of the message's word features, known or not, so pruning the vocabulary of a
  // saved model does not change how much the remaining ones count.
  const textual = names.filter((name) => !name.startsWith('f')).length;
  const scale = textual > 0 ? 1 / Math.sqrt(textual) : 0;
  const found: [number, number][] = [];
  for (const name of names) {
    const i = index.get(name);
    if (i !== undefined) found.push([i, name.startsWith('f') ? 1 : scale]);
  }
  // In index order, so every sum over a message's features runs in one order on every run.
  found.sort((a, b) => a[0] - b[0]);
  return { indexes: found.map(([i]) => i), values: found.map(([, v]) => v) };
}

export function featureNamesOf(text: string): string[] {
  return extractFeatures(text).names;
}
