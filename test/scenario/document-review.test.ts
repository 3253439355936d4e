import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.ts';
import { ids, INTERNAL_TOKEN } from '../support/harness.ts';
import { ACME_SUCCESS, startFollowUpScenario } from '../support/follow-up-scenario.ts';

const INTERNAL_ID = /\b[UWCGT](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/;

describe('the document review flow in Slack', () => {
  let s: Awaited<ReturnType<typeof startFollowUpScenario>>;
  afterEach(async () => s.close());

  const draft = async (kind: string, customerId: string, user: string = ids.responder, team: string = ids.ourTeam) =>
    s.press(`${ACTION.draftDocument}:${kind}:${customerId}`, `${s.incident.id}:${kind}:${customerId}`, user, team);

  it('drafts the RCA into an edit modal, saves a revision, approves it and sends it to the customer, meeting the deadline', async () => {
    s = await startFollowUpScenario();
    await s.at('2026-11-20T15:00:00.000Z');
    await draft('rca', 'acme');
    const doc = await s.document('rca', 'acme');
    expect(doc?.state).toBe('draft');
    const modal = s.h.emulator.callsTo('views.open').at(-1)?.args.view as
      string | { blocks: { block_id: string; element: { initial_value: string } }[] };
    const view =
      typeof modal === 'string'
        ? (JSON.parse(modal) as { blocks: { block_id: string; element: { initial_value: string } }[] })
        : modal!;
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'doc_summary',
      'doc_impact',
      'doc_rootCause',
      'doc_resolution',
      'doc_prevention',
    ]);
    expect(view.blocks[0]!.element.initial_value).toBe('Rolled back the faulty deploy; error rate back to normal.');

    // A customer document refuses our people's ids and links, in the field, and stores nothing.
    const refused = await s.saveSections(doc!.id, 1, {
      summary: 'ok',
      rootCause: `Ask <@${ids.responder}> at https://wiki.internal/x`,
    });
    expect(JSON.parse(refused.body)).toMatchObject({
      response_action: 'errors',
      errors: { doc_rootCause: expect.stringContaining('remove a Slack mention') },
    });
    expect((await s.document('rca', 'acme'))?.revision).toBe(1);

    const saved = await s.saveSections(doc!.id, 1, {
      summary: 'The API was down for 110 minutes.',
      impact: 'All API calls failed.',
      rootCause: 'A configuration change removed the database connection pool limit.',
      resolution: 'Rolled back.',
      prevention: 'Alert on connection refusals.',
    });
    expect(saved.status).toBe(200);
    const revised = await s.document('rca', 'acme');
    expect(revised?.revision).toBe(2);
    expect(revised?.markdown).toContain('A configuration change removed the database connection pool limit.');

    // Not approved yet: it cannot be sent.
    await s.press(ACTION.sendDocument, String(doc!.id), ACME_SUCCESS);
    expect(s.ephemeralsTo(ACME_SUCCESS).at(-1)).toContain('Only an approved document can be sent');
    await s.press(ACTION.approveDocument, String(doc!.id), ACME_SUCCESS);
    expect((await s.document('rca', 'acme'))?.state).toBe('approved');

    await s.at('2026-11-20T15:05:00.000Z');
    await s.press(ACTION.sendDocument, String(doc!.id), ACME_SUCCESS);
    const sent = await s.document('rca', 'acme');
    expect(sent?.state).toBe('sent');
    expect(sent?.sentAt?.toISOString()).toBe('2026-11-20T15:05:00.000Z');
    expect(sent?.sentBy).toBe(ACME_SUCCESS);
    const deadline = await s.deadline('rca', 'acme');
    expect([deadline.state, deadline.metAt?.toISOString()]).toEqual(['met', '2026-11-20T15:05:00.000Z']);
    const posts = s.h.emulator
      .messagesIn(ids.acme.channel)
      .filter((m) => String(m.metadata?.event_payload.key ?? '').startsWith(`document:${doc!.id}:`));
    expect(posts).toHaveLength(1);
    const text = JSON.stringify(posts[0]!.blocks);
    expect(text).toContain('Root cause analysis: INC-');
    expect(text).toContain('A configuration change removed the database connection pool limit.');
    expect(text).not.toMatch(INTERNAL_ID);

    // Sending twice changes nothing and posts nothing more.
    await s.press(ACTION.sendDocument, String(doc!.id), ACME_SUCCESS);
    expect(s.ephemeralsTo(ACME_SUCCESS).at(-1)).toContain('already sent');
    // The reminders of a met deadline are recorded as skipped, and nobody is reminded.
    const dmsBefore = s
      .dmsTo(ACME_SUCCESS)
      .filter((t) => t.includes('root cause analysis') && t.includes('Acme')).length;
    await s.at('2026-11-27T21:00:00.000Z');
    expect(s.dmsTo(ACME_SUCCESS).filter((t) => t.includes('root cause analysis') && t.includes('Acme'))).toHaveLength(
      dmsBefore,
    );
    expect((await s.reminders('rca', 'acme')).map((r) => [r.kind, r.state])).toEqual([
      ['before-24h', 'skipped'],
      ['before-2h', 'skipped'],
      ['due', 'skipped'],
      ['overdue-1', 'pending'],
    ]);
  });

  it('lets only the success owner or an approver approve and send; internal non-approvers and external users are refused and nothing changes', async () => {
    s = await startFollowUpScenario();
    await draft('executive-summary', 'acme');
    const doc = (await s.document('executive-summary', 'acme'))!;
    await s.press(ACTION.approveDocument, String(doc.id), ids.internalNonResponder);
    expect(s.ephemeralsTo(ids.internalNonResponder).at(-1)).toContain(
      "Only the customer's success owner or a document approver",
    );
    await s.press(ACTION.approveDocument, String(doc.id), ids.acme.user, ids.acme.team, ids.acme.channel);
    expect(s.ephemeralsTo(ids.acme.user).at(-1)).toContain('Only our own team');
    // A customer cannot draft either.
    await draft('rca', 'acme', ids.acme.user, ids.acme.team);
    expect(await s.document('rca', 'acme')).toBeNull();
    expect((await s.document('executive-summary', 'acme'))?.state).toBe('draft');
    // Not while a section still reads "To be completed.": a customer must never receive that.
    expect(doc.markdown).toContain('To be completed.');
    await s.press(ACTION.approveDocument, String(doc.id), ids.responder);
    expect(s.ephemeralsTo(ids.responder).at(-1)).toContain('still read “To be completed.”');
    expect((await s.document('executive-summary', 'acme'))?.state).toBe('draft');
    await s.saveSections(doc.id, 1, {
      summary: 'The API was down for 110 minutes.',
      impact: 'All API calls failed.',
      rootCause: 'A configuration change removed the connection pool limit.',
      prevention: 'We alert on connection refusals now.',
    });
    // The configured approver (also a responder) may approve; the customer still cannot send it.
    await s.press(ACTION.approveDocument, String(doc.id), ids.responder);
    expect((await s.document('executive-summary', 'acme'))?.state).toBe('approved');
    await s.press(ACTION.sendDocument, String(doc.id), ids.acme.user, ids.acme.team, ids.acme.channel);
    await s.press(ACTION.sendDocument, String(doc.id), ids.internalNonResponder);
    expect((await s.document('executive-summary', 'acme'))?.state).toBe('approved');
    expect((await s.deadline('executive-summary', 'acme')).state).toBe('open');
    expect(
      s.h.emulator
        .messagesIn(ids.acme.channel)
        .filter((m) => String(m.metadata?.event_payload.key ?? '').startsWith('document:')),
    ).toEqual([]);
  });

  it('keeps the post-mortem internal: approved by a responder, which meets its deadline; never sent', async () => {
    s = await startFollowUpScenario();
    await draft('postmortem', '');
    const doc = (await s.document('postmortem', ''))!;
    expect(doc.markdown).toContain('Blameless post-mortem');
    expect(doc.markdown).toMatch(/T\+4\*\* · Thu 19 Nov 2026, 14:14 EST: Acknowledged/);
    await s.saveSections(doc.id, 1, {
      summary: 'API down',
      actionItems: 'Dana Ops — alert on connection refusals\nPlatform team — staging soak for pool settings',
    });
    expect((await s.document('postmortem', ''))?.markdown).toContain(
      '- [ ] alert on connection refusals (owner: Dana Ops)',
    );
    await s.press(ACTION.approveDocument, String(doc.id), ids.responder);
    expect((await s.deadline('postmortem', '')).state).toBe('met');
    await s.press(ACTION.sendDocument, String(doc.id), ids.responder);
    expect(s.ephemeralsTo(ids.responder).at(-1)).toContain('internal');
    // The executive summary takes the post-mortem's action items, without their owners.
    await draft('executive-summary', 'acme');
    const summary = (await s.document('executive-summary', 'acme'))!.markdown;
    expect(summary).toContain('alert on connection refusals');
    expect(summary).not.toContain('Dana Ops');
    expect(summary).not.toMatch(INTERNAL_ID);
  });

  it('posts customer text that tries to inject markup, links or a channel ping as inert text, in Slack and in the HTML view', async () => {
    s = await startFollowUpScenario(
      'Down <!channel> <script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) <https://evil.example|login> — production is down for all users, no workaround',
    );
    await draft('timeline', 'acme', ACME_SUCCESS);
    const doc = (await s.document('timeline', 'acme'))!;
    await s.press(ACTION.approveDocument, String(doc.id), ACME_SUCCESS);
    await s.press(ACTION.sendDocument, String(doc.id), ACME_SUCCESS);
    const post = s.h.emulator
      .messagesIn(ids.acme.channel)
      .find((m) => String(m.metadata?.event_payload.key ?? '').startsWith(`document:${doc.id}:`));
    const texts = ((post?.blocks ?? []) as { text?: { text?: string } }[]).map((b) => b.text?.text ?? '').join('\n');
    expect(texts).toContain('&lt;!channel&gt;');
    expect(texts).toContain('&lt;script&gt;');
    expect(texts).not.toMatch(/<!channel>|<https?:|<script|<img/);
    const base = s.h.url.replace('/slack/events', '');
    const html = await (
      await fetch(`${base}/documents/${doc.id}`, { headers: { authorization: `Bearer ${INTERNAL_TOKEN}` } })
    ).text();
    expect(html).not.toMatch(/<script|<img|<a\b|href=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('[click](javascript:alert(3))');
  });

  it('serves documents at /documents/<id> (HTML) and .md only with the internal token', async () => {
    s = await startFollowUpScenario();
    await draft('timeline', 'acme');
    const doc = (await s.document('timeline', 'acme'))!;
    const base = s.h.url.replace('/slack/events', '');
    const get = (path: string, token?: string) =>
      fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    expect((await get(`/documents/${doc.id}`)).status).toBe(401);
    expect((await get(`/documents/${doc.id}`, `${INTERNAL_TOKEN}x`)).status).toBe(401);
    expect((await get('/documents/abc', INTERNAL_TOKEN)).status).toBe(400);
    expect((await get('/documents/0', INTERNAL_TOKEN)).status).toBe(400);
    expect((await get('/documents/99999', INTERNAL_TOKEN)).status).toBe(404);
    const html = await get(`/documents/${doc.id}`, INTERNAL_TOKEN);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await html.text()).toContain('<h1>Incident timeline: INC-');
    const md = await get(`/documents/${doc.id}.md`, INTERNAL_TOKEN);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    expect(await md.text()).toBe(doc.markdown);
  });
});
