const VOCABULARY_REFERENCE = /\{([a-z][a-z0-9_]*)\}/g;

/**
 * Turns a rules-file pattern into a regular expression over normalised text. `{name}` inserts
 * the vocabulary list `name` as an alternation. The whole pattern must sit on word edges, so
 * "down" does not fire inside "download"; lookarounds rather than `\b` so patterns that start or
 * end with punctuation or emoji still work.
 */
export function expandPattern(source: string, vocabulary: Readonly<Record<string, readonly string[]>>): RegExp {
  const expanded = source.replace(VOCABULARY_REFERENCE, (_whole, name: string) => {
    const words = vocabulary[name];
    if (!words) throw new Error(`unknown vocabulary "${name}"`);
    return `(?<![a-z0-9])(?:${words.join('|')})(?![a-z0-9])`;
  });
  return new RegExp(`(?<![a-z0-9])(?:${expanded})(?![a-z0-9])`, 'giu');
}
