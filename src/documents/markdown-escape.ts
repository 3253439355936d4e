/**
 * Text anyone typed (a customer's ticket, a status message, an edited section), made inert in
 * Markdown: it can start no heading, list, quote, table, emphasis, code, link, image or raw HTML.
 * Lines are kept (hard breaks); blank lines still separate paragraphs.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map(escapeLine)
        .filter((line) => line.length > 0)
        .join('\\\n'),
    )
    .filter((paragraph) => paragraph.length > 0)
    .join('\n\n');
}

function escapeLine(line: string): string {
  return (
    line
      .trim()
      .replace(/[\\`*_[\]<>#|~&]/g, (c) => `\\${c}`)
      // Only at the start of a line do these make lists or headings.
      .replace(/^([-+=])/, '\\$1')
      .replace(/^(\d+)([.)])/, '$1\\$2')
  );
}

/** Escapes every string in a template model (Dates and numbers stay as they are for the helpers). */
export function escapeModelStrings<T>(value: T): T {
  if (typeof value === 'string') return escapeMarkdown(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => escapeModelStrings(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeModelStrings(v)])) as T;
  }
  return value;
}
