import type { Classification } from '../../domain/severity/index.ts';

/** Slack's own limit for a message's text; a longer "ticket" is not a message a customer sent. */
export const MAX_TEXT_LENGTH = 40_000;

export type LineResult =
  { severity: string; confidence: number; possibleS1: boolean; reason: string } | { error: string };

/** One input line of `tplus classify`: validated, then classified. */
export function classifyLine(line: string, classify: (text: string) => Classification): LineResult {
  if (line.length > MAX_TEXT_LENGTH * 6 + 100)
    return { error: `line longer than ${MAX_TEXT_LENGTH} characters of text` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return { error: 'not JSON: each line must be an object like {"text": "…"}' };
  }
  const text = (parsed as { text?: unknown } | null)?.text;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof text !== 'string')
    return { error: 'each line must be an object with a string "text"' };
  if (text.trim() === '') return { error: '"text" is empty' };
  if (text.length > MAX_TEXT_LENGTH)
    return { error: `"text" has ${text.length} characters; at most ${MAX_TEXT_LENGTH} (Slack's message limit)` };
  const c = classify(text);
  return {
    severity: c.severity,
    confidence: Math.round(c.confidence * 1000) / 1000,
    possibleS1: c.isPossibleS1,
    reason: c.reason,
  };
}
