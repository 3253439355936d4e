import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerDocumentModel } from '../../../src/domain/documents/index.ts';
import { createDocumentRenderer } from '../../../src/documents/render-document.ts';
import { documentPage, markdownToHtml } from '../../../src/documents/markdown-html.ts';
import { escapeMarkdown } from '../../../src/documents/markdown-escape.ts';
import { createReaderTime } from '../../../src/documents/reader-time.ts';
import { formatInstantForReader } from '../../../src/domain/sla/index.ts';
import { splitMarkdown } from '../../../src/domain/documents/index.ts';
import { documentPart } from '../../../src/slack/views/document-messages.ts';
import { componentName, fixedIncident } from '../../support/document-fixture.ts';

export const INJECTION =
  'Down <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) <!channel> ![p](https://evil.example/x.png) <https://evil.example>';
const render = createDocumentRenderer(join(import.meta.dirname, '../../../templates'));

function renderedHtml(): string {
  const incident = fixedIncident({ title: INJECTION });
  const model = customerDocumentModel(
    {
      kind: 'rca',
      incident,
      componentName,
      updates: [{ at: incident.resolvedAt, status: 'resolved', body: '<b>bold</b> & **fine**' }],
      sections: { rootCause: '# Not a heading\n- not a list\n1. not ordered' },
    },
    { name: 'Acme <Corp>', timeZone: 'America/New_York' },
  );
  return documentPage({ title: 'RCA', markdown: render(model) });
}

describe('document HTML', () => {
  it('shows injected markup, links and mentions as text, never as elements', () => {
    const html = renderedHtml();
    expect(html).not.toMatch(/<script|<img|<a\b|href=|<b>/i);
    expect(html).not.toMatch(/<[a-z]+[^>]*\s(onerror|src)=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('[click](javascript:alert(3))');
    expect(html).toContain('&lt;!channel&gt;');
    expect(html).toContain('Acme &lt;Corp&gt;');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; **fine**');
  });

  it('keeps typed section text as lines, not as headings or lists', () => {
    const html = renderedHtml();
    expect(html).toContain('# Not a heading<br>- not a list<br>1. not ordered');
  });

  it('renders raw HTML and links in Markdown from any source as text', () => {
    const html = markdownToHtml(
      'hello <iframe src="x"></iframe> [a](javascript:x) <https://evil.example> www.evil.example ![i](x.png)',
    );
    expect(html).not.toMatch(/<iframe|<a\b|<img/);
    expect(html).toContain('&lt;iframe src=&quot;x&quot;&gt;');
  });

  it('escapes every Markdown construct in typed text', () => {
    expect(escapeMarkdown('# h\n> q\n- l\n+ l\n1) o\n`c` *e* _e_ ~s~ | t & <x>')).toBe(
      '\\# h\\\n\\> q\\\n\\- l\\\n\\+ l\\\n1\\) o\\\n\\`c\\` \\*e\\* \\_e\\_ \\~s\\~ \\| t \\& \\<x\\>',
    );
  });
});

describe('createReaderTime', () => {
  it('writes instants exactly as formatInstantForReader does, across DST changes and zones', () => {
    const readerTime = createReaderTime();
    for (let i = 0; i < 600; i += 1) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 14.5 * 3_600_000);
      for (const zone of ['America/New_York', 'Europe/Berlin', 'UTC', 'Asia/Kolkata', 'Australia/Lord_Howe'])
        expect(readerTime(at, zone)).toBe(formatInstantForReader(at, zone));
    }
  });
});

describe('splitMarkdown and documentPart', () => {
  const long = Array.from({ length: 60 }, (_, i) => `## Section ${i}\n\n${'word '.repeat(60 + i * 10).trim()}`).join(
    '\n\n',
  );

  it('splits a long document into parts that each fit one Slack message, losing nothing', () => {
    const parts = splitMarkdown(long, 8000, 20);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('\n\n')).toBe(long);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(8000);
      const blocks = documentPart(part).blocks as { type: string; text: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) expect(b.text.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('cuts a single paragraph longer than a part at the part size', () => {
    const parts = splitMarkdown('x'.repeat(20_000), 8000);
    expect(parts.map((p) => p.length)).toEqual([8000, 8000, 4000]);
  });

  it('posts headings as header blocks and the rest as escaped mrkdwn', () => {
    const part = documentPart('# Root cause analysis: INC\\-7\n\n\\<!channel\\> \\*not bold\\* <@U0RESP0001>');
    expect(part.blocks).toEqual([
      { type: 'header', text: { type: 'plain_text', text: 'Root cause analysis: INC-7', emoji: true } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '&lt;!channel&gt; \u200b*\u200bnot bold\u200b*\u200b &lt;@U0RESP0001&gt;' },
      },
    ]);
  });
});
