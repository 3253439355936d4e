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
  const known = names.filter((name) => index.has(name));
  const sorted = known.map((name) => index.get(name) as number).sort((a, b) => a - b);
  const byIndex = new Map(known.map((name) => [index.get(name) as number, name]));
  return {
    indexes: sorted,
    values: sorted.map((i) => ((byIndex.get(i) as string).startsWith('f') ? 1 : scale)),
  };
}

export function featureNamesOf(text: string): string[] {
  return extractFeatures(text).names;
}
