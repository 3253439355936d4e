import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { INTERNAL_TOKEN, type Harness } from '../support/harness.ts';
import { startStatusHarness } from '../support/status-harness.ts';

describe('a post-mortem or RCA summary published on the incident’s public page', () => {
  const clock = manualClock(new Date('2026-11-25T15:00:00Z'));
  let h: Harness;
  let base: string;
  let incidentId: number;
  let publicPage: string;
  const document = (kind: string, state: string, sections: Record<string, string>, customerId = '') =>
    h.tplus.db.prisma.document.create({
      data: {
        incidentId,
        kind,
        customerId,
        markdown: '# internal markdown',
        sections: JSON.stringify(sections),
        state,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      },
    });
  const publish = (id: number, token = INTERNAL_TOKEN) =>
    fetch(`${base}/documents/${id}/publish`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  const page = async () => {
    // Pages are cached for the minute; the next minute reads the published summary.
    clock.advance(60_000);
    return (await fetch(`${base}${publicPage}`)).text();
  };

  beforeAll(async () => {
    ({ h, base, incidentId } = await startStatusHarness({ clock }));
    publicPage = `/incidents/${(await h.tplus.status.byIncident(incidentId))?.publicId ?? ''}`;
  });
  afterAll(async () => h?.close());

  it('refuses a draft, a document with an internal reference, another kind and a missing token, and shows nothing', async () => {
    const draft = await document('rca', 'draft', { summary: 'The API failed.' });
    const mention = await document('postmortem', 'approved', {
      summary: 'The API failed.',
      rootCause: 'Found by <@U0SECRET01> in the logs.',
    });
    const timeline = await document('timeline', 'approved', { summary: 'The API failed.' });
    const empty = await document('rca', 'approved', { rootCause: 'A certificate expired.' }, 'globex');
    for (const [id, message] of [
      [draft.id, 'Approve the document before publishing it.'],
      [mention.id, 'The Root cause section contains a Slack mention or channel link'],
      [timeline.id, 'Only a post-mortem or an RCA can be published'],
      [empty.id, 'The summary section is empty'],
    ] as const) {
      const res = await publish(id);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(message);
    }
    expect((await publish(draft.id, 'wrong-token-000000000')).status).toBe(401);
    expect(await h.tplus.db.prisma.document.count({ where: { publishedAt: { not: null } } })).toBe(0);
    expect(await page()).not.toContain('data-testid="post-incident"');
  });

  it('shows an approved RCA’s summary, root cause, resolution and prevention once published, escaped', async () => {
    const rca = await document(
      'rca',
      'sent',
      {
        summary: 'Payments failed for 40 minutes because our provider <Stripe> rejected requests.',
        impact: 'Internal detail not for the public page.',
        rootCause: 'An expired certificate on our side of the connection.',
        resolution: 'The certificate was renewed.',
        prevention: 'Certificates are now renewed 30 days ahead, with an alert.',
      },
      'acme',
    );
    const res = await publish(rca.id);
    expect(res.status).toBe(200);
    const html = await page();
    const section = html.slice(html.indexOf('data-testid="post-incident"'), html.indexOf('<h2>Updates</h2>'));
    expect(section).toContain('Root cause analysis');
    expect(section).toContain('our provider &lt;Stripe&gt; rejected requests.');
    expect(section).toContain('An expired certificate on our side of the connection.');
    expect(section).toContain('Certificates are now renewed 30 days ahead, with an alert.');
    expect(section).not.toContain('Internal detail');
    // Publishing again keeps the first date.
    const again = (await (await publish(rca.id)).json()) as { publishedAt: string };
    expect(again.publishedAt).toBe(
      (await h.tplus.db.prisma.document.findUniqueOrThrow({ where: { id: rca.id } })).publishedAt?.toISOString(),
    );
  });
});
