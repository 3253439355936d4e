/**
 * Text preparation shared by training and classification: one normal form, then tokens with
 * negation scope marked. Pure and deterministic; a change here changes every feature, so the
 * model file records `FEATURE_VERSION` and refuses to load under another one.
 */
export const FEATURE_VERSION = 2;

const REWRITES: readonly (readonly [RegExp, string])[] = [
  [/[’‘`´]/g, "'"],
  [/[“”]/g, '"'],
  // Slack markup: user/channel/group mentions and links keep only a neutral word.
  [/<[@#!][^>]*>/g, ' someone '],
  [/@(everyone|here|channel)\b/g, ' someone '],
  [/<https?:[^>|]*\|([^>]*)>/g, ' $1 '],
  [/https?:\/\/\S+/g, ' link '],
  [/\bcan'?t\b/g, 'cannot'],
  [/\bwon'?t\b/g, 'will not'],
  [/\b([a-z]+)n't\b/g, '$1 not'],
  [/\b(do|does|did|is|are|was|were|has|have|had|could|would|should)nt\b/g, '$1 not'],
  [/\b([a-z]+)'(s|re|ve|d|ll|m)\b/g, '$1'],
  [/\b[0-9a-f]{8}-[0-9a-f-]{27,}\b/g, ' uuid '],
  [/\b([45]\d\d)\b/g, ' http$1 '],
  [/\b100 ?(%|percent)/g, ' hundredpercent '],
  // "not a single page loads", "not even the login": a universal, not a negation of what follows.
  [/\bnot (a single|one|even|any)\b/g, 'none $1'],
  [/\b\d+\b/g, '0'],
];

/** Lower case, Slack markup and links neutralised, contractions expanded, numbers folded. */
export function normalise(text: string): string {
  let out = text.toLowerCase();
  for (const [find, replace] of REWRITES) out = out.replace(find, replace);
  return out.replace(/\s+/g, ' ').trim();
}

const NEGATION_CUES = new Set(['not', 'no', 'never', 'without', 'nor', 'neither']);
const CLAUSE_BREAK = /^(but|though|although|however|except|yet|and|so|because)$/;
const NEGATION_WINDOW = 4;

export interface Token {
  word: string;
  /** Inside the scope of a negation cue ("not", "no", "never", …) a few words back in its clause. */
  isNegated: boolean;
}

/** Words and the clause marks between them; a negation cue scopes the next few words of its clause. */
export function tokenise(normalised: string): Token[] {
  const tokens: Token[] = [];
  let scope = 0;
  for (const piece of normalised.match(/[a-z0-9_]+|[.!?;:,()]/g) ?? []) {
    if (!/[a-z0-9]/.test(piece)) {
      scope = 0;
      continue;
    }
    if (CLAUSE_BREAK.test(piece)) scope = 0;
    tokens.push({ word: piece, isNegated: scope > 0 });
    if (scope > 0) scope -= 1;
    if (NEGATION_CUES.has(piece)) scope = NEGATION_WINDOW;
  }
  return tokens;
}
