import type { CompiledSeverityRules, CompiledSignalGroup } from './rules.ts';

/** A signal found in the text, before the decision; `group` carries its points and effect. */
export interface FoundSignal {
  readonly group: CompiledSignalGroup;
  /** The matched fragment of the normalised text. */
  readonly matched: string;
}

/** Lower-cases and applies the rules' rewrites (contractions, common typos, punctuation). */
export function normaliseText(text: string, rules: CompiledSeverityRules): string {
  let normalised = text.toLowerCase();
  for (const { find, replace } of rules.replacements) normalised = normalised.replace(find, replace);
  return normalised.trim();
}

/**
 * The first non-negated match of every group, in file order, then without the groups that a
 * matched group outranks.
 */
export function matchSignals(normalised: string, rules: CompiledSeverityRules): FoundSignal[] {
  const found: FoundSignal[] = [];
  for (const group of rules.groups) {
    const matched = firstLiveMatch(normalised, group, rules);
    if (matched !== undefined) found.push({ group, matched });
  }
  const outranked = new Set(found.flatMap((signal) => signal.group.outranks));
  return found.filter((signal) => !outranked.has(signal.group.id));
}

function firstLiveMatch(text: string, group: CompiledSignalGroup, rules: CompiledSeverityRules): string | undefined {
  for (const pattern of group.patterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!group.negatable || !isNegated(text, start, end, rules)) return match[0].trim();
    }
  }
  return undefined;
}

/**
 * "the dashboard is not down", "no data loss", "if someone could access our data": a cue among
 * the few words before the match, within its clause. "data loss? no": a denial right after it.
 */
function isNegated(text: string, start: number, end: number, { negation }: CompiledSeverityRules): boolean {
  const before = text.slice(0, start);
  let clauseStart = 0;
  for (const boundary of before.matchAll(negation.clauseBreak)) clauseStart = boundary.index + boundary[0].length;
  const words = before
    .slice(clauseStart)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(-negation.window);
  if (words.some((word) => negation.cues.has(word))) return true;
  const after = text.slice(end);
  return negation.after.some((denial) => denial.test(after));
}
