import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.ts';
import { eventually, ids, startHarness, ticketCardsIn, type Harness } from '../support/harness.ts';
import { buttonPress, mentionEvent } from '../support/payloads.ts';

/** A clear outage report: S1 under the contract definitions. */
const OUTAGE = 'Nothing loads for any of our users since 09:00, every API call returns 503';

describe('the customer’s answers to the impact questions', () => {
  let h: Harness;
  let ticketId: number;
  beforeAll(async () => {
    h = await startHarness();
    await h.send('event', mentionEvent({ text: OUTAGE }));
    await h.settle();
    ticketId = (await h.tplus.db.prisma.ticket.findFirstOrThrow()).id;
    // Let the incident start now, so the sweep does not change the ticket in the middle of a test.
    await h.tplus.engine.tick();
    await h.settle();
  });
  afterAll(async () => h.close());

  const answer = (question: string, isYes: boolean, who = { user: ids.acme.user, team: ids.acme.team }) =>
    buttonPress({
      actionId: isYes ? ACTION.impactYes : ACTION.impactNo,
      value: `${ticketId}:${question}`,
      user: who.user,
      userTeam: who.team,
      channel: ids.acme.channel,
    });
  const snapshot = async () => ({
    ticket: await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } }),
    incident: await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId } }),
    changes: await h.tplus.db.prisma.severityChange.count(),
    examples: await h.tplus.db.prisma.severityExample.count(),
    timeline: await h.tplus.db.prisma.timelineEntry.count(),
    outbox: await h.tplus.db.prisma.outboxMessage.count(),
  });

  it('refuses anyone outside the ticket’s own customer ephemerally, and changes nothing', async () => {
    expect((await snapshot()).ticket.severity).toBe('S1');
    const before = await snapshot();
    const outsiders = [
      { user: 'U0STRANGE1', team: ids.strangerTeam },
      { user: ids.globex.user, team: ids.globex.team },
      { user: ids.responder, team: ids.ourTeam },
    ];
    for (const who of outsiders)
      expect((await h.send('interaction', answer('workaround', true, who))).status).toBe(200);
    await h.settle();
    expect(await snapshot()).toEqual(before);
    const refusals = h.emulator.callsTo('chat.postEphemeral').map((c) => c.args);
    for (const who of outsiders) {
      const told = refusals.filter((a) => a.user === who.user && a.channel === ids.acme.channel);
      expect(told).toHaveLength(1);
      expect(String(told[0]!.text)).toContain('Nothing was changed');
    }
    expect(String(refusals.find((a) => a.user === ids.responder)!.text)).toContain('Reclassify');
  });

  it('records an answer that suggests a lower severity, shows it on the card, and changes nothing else', async () => {
    const before = await snapshot();
    await h.send('interaction', answer('unusable-for-all', false));
    await h.send('interaction', answer('data-lost-or-exposed', false));
    await h.send('interaction', answer('workaround', true));
    await h.settle();
    const after = await snapshot();
    expect(JSON.parse(after.ticket.impactAnswers)).toMatchObject({
      'unusable-for-all': { isYes: false, userId: ids.acme.user },
      'data-lost-or-exposed': { isYes: false },
      workaround: { isYes: true },
    });
    expect(after.ticket.severity).toBe('S1');
    expect(after.ticket.firstResponseDueAt).toEqual(before.ticket.firstResponseDueAt);
    expect(after.incident).toEqual(before.incident);
    expect([after.changes, after.examples]).toEqual([before.changes, before.examples]);
    const answered = await h.tplus.db.prisma.timelineEntry.findMany({
      where: { ticketId, kind: 'ticket.impact-answered' },
      orderBy: { id: 'asc' },
    });
    expect(answered.map((t) => JSON.parse(t.detail).suggests)).toEqual([null, null, 'S3']);
    const card = await eventually(() => {
      const text = JSON.stringify(ticketCardsIn(h.emulator, ids.triage)[0]);
      return text.includes('suggest S3') ? text : undefined;
    });
    expect(card).toContain("customer's answers suggest S3; a responder decides");
    // The customer's own message shows what they chose.
    const ack = h.emulator
      .messagesIn(ids.acme.channel, { threadTs: after.ticket.threadTs! })
      .find((m) => m.metadata?.event_payload.key === `ticket:${ticketId}:customer-ack`);
    expect(JSON.stringify(ack)).toContain('Do you have a workaround you can keep using?* — you answered *Yes*');
  });

  it('keeps the last answer to a question, and takes a retried click once', async () => {
    const click = answer('workaround', false);
    await h.send('interaction', click);
    await h.send('interaction', click);
    await h.settle();
    const entries = () =>
      h.tplus.db.prisma.timelineEntry.findMany({ where: { ticketId, kind: 'ticket.impact-answered' } });
    expect(await entries()).toHaveLength(4);
    const ticket = await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } });
    expect(JSON.parse(ticket.impactAnswers).workaround.isYes).toBe(false);
    // The same answer again (a new click, not a retry) says nothing new.
    await h.send('interaction', answer('workaround', false));
    await h.settle();
    expect(await entries()).toHaveLength(4);
  });
});
