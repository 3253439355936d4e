/**
 * Makes customer text inert in Slack mrkdwn: `&`, `<`, `>` become entities, so `<!channel>`,
 * `<@U…>`, `<!subteam^…>` and `<https://evil|click>` are shown, never executed; bare
 * `@channel`/`@here`/`@everyone` get a zero-width joiner so no client or `link_names` turns them
 * into a broadcast; formatting characters are shown literally (a zero-width space breaks the
 * pairs Slack would render as bold, italics, strike-through or code).
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, '@\u2060$1')
    .replace(/([*_~`])/g, '\u200b$1\u200b');
}

/** Customer text as a quoted, escaped mrkdwn block, trimmed to fit Slack's section limit. */
export function quoteCustomerText(text: string, maxChars = 2800): string {
  const trimmed = text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
  return escapeMrkdwn(trimmed)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

/** Plain text objects are never parsed for mentions or links; still cap them. */
export function plainText(text: string, max = 3000): { type: 'plain_text'; text: string; emoji: boolean } {
  return { type: 'plain_text', text: text.length > max ? `${text.slice(0, max - 1)}…` : text || ' ', emoji: true };
}
