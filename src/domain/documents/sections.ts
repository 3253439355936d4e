import type { FollowUpKind } from '../follow-ups/index.ts';

/** One editable part of a document: one modal input each (Slack caps an input at 3,000 characters). */
export interface SectionSpec {
  name: string;
  label: string;
  hint?: string;
}

export const SECTION_MAX_CHARS = 3000;

export const DOCUMENT_SECTIONS: Record<FollowUpKind, readonly SectionSpec[]> = {
  timeline: [{ name: 'summary', label: 'Summary' }],
  postmortem: [
    { name: 'summary', label: 'Summary' },
    { name: 'impact', label: 'Impact' },
    { name: 'detection', label: 'Detection' },
    { name: 'rootCause', label: 'Root cause' },
    { name: 'contributingFactors', label: 'Contributing factors', hint: 'One per line' },
    { name: 'whatWentWell', label: 'What went well', hint: 'One per line' },
    { name: 'actionItems', label: 'Action items', hint: 'One per line: owner — item' },
  ],
  'executive-summary': [
    { name: 'summary', label: 'Summary' },
    { name: 'impact', label: 'Impact' },
    { name: 'rootCause', label: 'Root cause' },
    { name: 'prevention', label: 'What we are doing about it' },
  ],
  rca: [
    { name: 'summary', label: 'Summary' },
    { name: 'impact', label: 'Impact' },
    { name: 'rootCause', label: 'Root cause' },
    { name: 'resolution', label: 'Resolution' },
    { name: 'prevention', label: 'Preventive measures' },
  ],
};

export const DOCUMENT_TITLES: Record<FollowUpKind, string> = {
  timeline: 'Incident timeline',
  postmortem: 'Post-mortem',
  'executive-summary': 'Executive summary',
  rca: 'Root cause analysis',
};

export interface ActionItem {
  owner: string;
  item: string;
}

/** "owner — item" per line (an en dash, hyphen or colon also separates); a line without an owner is unassigned. */
export function parseActionItems(text: string): ActionItem[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((line) => line.length > 0)
    .map((line) => {
      const match = /^(.{1,80}?)\s+[—–-]\s+(.+)$/.exec(line) ?? /^([^:]{1,80}):\s+(.+)$/.exec(line);
      return match
        ? { owner: (match[1] as string).trim(), item: (match[2] as string).trim() }
        : { owner: 'unassigned', item: line };
    });
}

/** Lines of a "one per line" section, without list markers. */
export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter((line) => line.length > 0);
}

const INTERNAL_REFERENCE_PATTERNS: { what: string; pattern: RegExp }[] = [
  { what: 'a Slack mention or channel link', pattern: /<[@#!][^>]*>/ },
  { what: 'a Slack user, channel or team id', pattern: /\b[UWCGT](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/ },
  { what: 'a link', pattern: /\b(?:https?|ftp|javascript|data|vbscript|slack):|\bwww\./i },
];

/**
 * Why `text` may not appear in a customer-facing document (internal ids, mentions, links), or
 * undefined when it may. Customer documents are built from public facts; what people type into
 * them is checked with this before it is stored.
 */
export function internalReferenceIn(text: string): string | undefined {
  return INTERNAL_REFERENCE_PATTERNS.find((p) => p.pattern.test(text))?.what;
}

/** "1 h 25 min", "40 min", "2 d 3 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} d${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${rest > 0 ? ` ${rest} min` : ''}`;
  return `${rest} min`;
}

/**
 * Splits Markdown into parts of at most `maxChars` and `maxPieces` headings or paragraphs
 * (Slack allows 50 blocks a message), at headings first, then at paragraphs, then at line ends;
 * only a single line longer than `maxChars` is cut mid-line.
 */
export function splitMarkdown(markdown: string, maxChars: number, maxPieces = Infinity): string[] {
  const parts: string[] = [];
  let current = '';
  let pieceCount = 0;
  const pieces = markdown
    .trim()
    .split(/\n(?=#{1,6} )|\n{2,}/)
    .flatMap((piece) => (piece.length <= maxChars ? [piece] : piece.split('\n')))
    .flatMap((piece) =>
      piece.length <= maxChars ? [piece] : (piece.match(new RegExp(`[\\s\\S]{1,${maxChars}}`, 'g')) ?? []),
    );
  for (const piece of pieces) {
    const joined = current ? `${current}\n\n${piece}` : piece;
    if (joined.length <= maxChars && pieceCount < maxPieces) {
      current = joined;
      pieceCount += 1;
    } else {
      parts.push(current);
      current = piece;
      pieceCount = 1;
    }
  }
  if (current) parts.push(current);
  return parts;
}
