import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  customerDocumentModel,
  internalDocumentModel,
  type DocumentModel,
} from '../../../src/domain/documents/index.ts';
import type { FollowUpKind } from '../../../src/domain/follow-ups/index.ts';
import { createDocumentRenderer } from '../../../src/documents/render-document.ts';
import {
  componentName,
  fixedIncident,
  fixedTimeline,
  fixedUpdates,
  postmortemAnswers,
} from '../../support/document-fixture.ts';

const root = join(import.meta.dirname, '../../..');
const render = createDocumentRenderer(join(root, 'templates'));
const FIXTURES = join(root, 'test/fixtures/documents');

function model(kind: FollowUpKind, incident = fixedIncident()): DocumentModel {
  const facts = {
    kind,
    incident,
    componentName,
    updates: fixedUpdates,
    sections: kind === 'postmortem' ? postmortemAnswers : {},
    postmortemSections: postmortemAnswers,
  };
  return kind === 'postmortem'
    ? internalDocumentModel(facts, {
        timeZone: 'America/New_York',
        timeline: fixedTimeline,
        affectedCustomers: ['Acme Corp', 'Globex GmbH'],
      })
    : customerDocumentModel(facts, { name: 'Acme Corp', timeZone: 'America/New_York' });
}

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it (only on purpose, after reading the diff). */
function expectGolden(name: string, text: string): void {
  const path = join(FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('document templates', () => {
  it.each([
    ['timeline', 'incident-timeline.md'],
    ['postmortem', 'postmortem.md'],
    ['executive-summary', 'executive-summary.md'],
    ['rca', 'rca.md'],
  ] as const)('renders the %s of the fixed incident as in %s', (kind, file) => {
    expectGolden(file, render(model(kind)));
  });

  it('gives the post-mortem T+ offsets and owned action items', () => {
    const text = render(model('postmortem'));
    expect(text).toContain('- **T+4** · Thu 19 Nov 2026, 14:14 EST: Acknowledged by U0RESP0001 in Slack');
    expect(text).toContain('- [ ] add an alert on database connection refusals (owner: Dana Ops)');
  });

  it.each(['timeline', 'executive-summary', 'rca'] as const)(
    'keeps internal names, Slack ids and links out of the customer %s',
    (kind) => {
      const text = render(model(kind));
      expect(text).not.toMatch(/\b[UWCGT](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/);
      expect(text).not.toMatch(/https?:|<[@#!]|slack\.com|inc-7-/i);
      expect(text).not.toContain('Dana Ops');
      expect(text).toContain('Acme Corp');
    },
  );

  it("uses an operator's own templates folder, and names a missing template at start", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tplus-templates-'));
    try {
      cpSync(join(root, 'templates'), dir, { recursive: true });
      writeFileSync(
        join(dir, 'rca.md.hbs'),
        '# Our RCA for {{customerName}}\n\n{{sections.rootCause}} ({{time resolvedAt}})\n',
      );
      expect(createDocumentRenderer(dir)(model('rca'))).toBe(
        '# Our RCA for Acme Corp\n\nA configuration change removed the connection pool limit, so the database refused new connections under load. (Thu 19 Nov 2026, 16:00 EST)\n',
      );
      unlinkSync(join(dir, 'postmortem.md.hbs'));
      expect(() => createDocumentRenderer(dir)).toThrow(/postmortem\.md\.hbs cannot be read/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
