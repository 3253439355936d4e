import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, quoteCustomerText } from '../../../src/slack/escape.ts';

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel> help', '&lt;!channel&gt; help'],
    ['<!here>', '&lt;!here&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<@U0RESP0001>', '&lt;@U0RESP0001&gt;'],
    ['<!subteam^S123|@oncall>', '&lt;!subteam^S123|@oncall&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['a & b', 'a &amp; b'],
  ])('makes %s inert', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it('breaks bare broadcast words so no client turns them into a ping', () => {
    for (const word of ['@channel', '@here', '@everyone', '@Channel']) {
      const escaped = escapeMrkdwn(`hey ${word} look`);
      expect(escaped).not.toContain(word);
      expect(escaped.replace(/\u2060/g, '')).toContain(word);
    }
  });

  it('shows formatting characters literally instead of rendering them', () => {
    expect(escapeMrkdwn('*bold* _it_')).not.toMatch(/(^|[^\u200b])\*bold\*/);
    expect(escapeMrkdwn('*bold*').replace(/\u200b/g, '')).toBe('*bold*');
  });

  it('does not double-escape entities it produced, and escapes ones the customer typed', () => {
    expect(escapeMrkdwn('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
  });
});

describe('quoteCustomerText', () => {
  it('quotes every line and trims very long text to fit a section', () => {
    const quoted = quoteCustomerText('line one\nline two');
    expect(quoted).toBe('>line one\n>line two');
    expect(quoteCustomerText('x'.repeat(5000), 100).length).toBeLessThan(110);
  });
});
