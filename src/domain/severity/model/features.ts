import { FACTS } from './facts.ts';
import { normalise, tokenise } from './text.ts';

/**
 * The features of one message, each counted once: words (`w:`), word pairs (`b:`), negated words
 * (`n:`) and fact features (`f:`, `f!` when every mention is negated). Names are what the model
 * file stores. Character n-grams and pairs of facts were tried and left out: on the training
 * split's cross-validation they cost accuracy (0.939 without both, 0.914 with both).
 */
export interface MessageFeatures {
  names: string[];
  /** Where each fact matched (normalised text), for the card's explanation. */
  factMatches: Map<string, string>;
}

const NEGATION_LOOKBACK = /(?:^|[.!?;:,]|\b(?:but|though|although|however|except|yet)\b)([^.!?;:,]*)$/;
const NEGATION_CUE = /\b(not|no|never|without|nor|neither|nothing)\b/;

/**
 * A customer states what is wrong before pasting logs: the first 2,000 characters (about 300
 * words, more than twice the longest message the model learned from) decide, which keeps a 40 KB
 * paste about as fast to classify as a short message.
 */
export const CLASSIFIED_CHARACTERS = 2_000;

export function extractFeatures(text: string): MessageFeatures {
  const normalised = normalise(text.slice(0, CLASSIFIED_CHARACTERS));
  const tokens = tokenise(normalised);
  const names = new Set<string>();
  let previous = '^';
  for (const { word, isNegated } of tokens) {
    names.add(`w:${word}`);
    names.add(`b:${previous}_${word}`);
    if (isNegated) names.add(`n:${word}`);
    previous = word;
  }
  if (tokens.length > 0) names.add(`b:${previous}_$`);
  if (text.includes('?')) names.add('f:question_mark');
  names.add(`f:length_${lengthBucket(tokens.length)}`);
  const factMatches = new Map<string, string>();
  for (const fact of FACTS) {
    let sawNegated = false;
    for (const match of normalised.matchAll(fact.pattern)) {
      if (fact.isNegatable && isNegated(normalised.slice(0, match.index))) {
        sawNegated = true;
        continue;
      }
      factMatches.set(fact.id, match[0]);
      break;
    }
    if (factMatches.has(fact.id)) names.add(`f:${fact.id}`);
    else if (sawNegated) names.add(`f!${fact.id}`);
  }
  return { names: [...names], factMatches };
}

/** A cue among the last few words of the clause before the match: "is not down", "no data lost". */
function isNegated(before: string): boolean {
  const clause = NEGATION_LOOKBACK.exec(before)?.[1] ?? before;
  const words = clause.trim().split(' ').slice(-4).join(' ');
  return NEGATION_CUE.test(words);
}

function lengthBucket(words: number): string {
  if (words <= 6) return 'terse';
  if (words <= 25) return 'short';
  if (words <= 80) return 'medium';
  return 'long';
}
