import { Marked, type Tokens } from 'marked';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);

/**
 * Markdown to HTML for viewing. Raw HTML is shown as text, and links and images become their
 * text: our templates make neither, so any that appear came from someone's typing.
 */
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html: ({ text }: Tokens.HTML | Tokens.Tag) => escapeHtml(text),
    link(token: Tokens.Link) {
      return this.parser.parseInline(token.tokens);
    },
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown) as string;
}

/** A standalone page; the caller sends it with a CSP that allows no script at all. */
export function documentPage({ title, markdown }: { title: string; markdown: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1f2328}h1,h2{line-height:1.25}li{margin:.2rem 0}</style>
</head><body><main>
${markdownToHtml(markdown)}</main></body></html>
`;
}
