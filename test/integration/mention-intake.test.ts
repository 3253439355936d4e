import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/temp-database.ts';
import { ids, startHarness, type Harness, ticketCardsIn } from '../support/harness.ts';
import { mentionEvent, messageEvent } from '../support/payloads.ts';

describe.each(DATABASE_KINDS)('filing a ticket by mentioning tplus in a Slack Connect channel, on %s', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database });
  });
  afterAll(async () => h.close());

  it('answers the customer in their thread and puts a card in triage, once', async () => {
    const event = mentionEvent({
      text: 'The whole platform is down for all our users, nobody can log in. No workaround.',
    });
    const ts = (event.event as { ts: string }).ts;
    const response = await h.send('event', event);
    expect(response.status).toBe(200);
    await h.settle();

    const tickets = await h.tplus.db.prisma.ticket.findMany();
    expect(tickets).toHaveLength(1);
    const ticket = tickets[0]!;
    expect(ticket.customerId).toBe('acme');
    expect(ticket.severity).toBe('S1');
    expect(ticket.threadTs).toBe(ts);
    // Enterprise Premium S1: 30 minutes around the clock.
    expect(ticket.firstResponseDueAt.getTime() - ticket.filedAt.getTime()).toBe(30 * 60_000);

    const replies = h.emulator.messagesIn(ids.acme.channel, { threadTs: ts });
    expect(replies).toHaveLength(1);
    expect(JSON.stringify(replies[0])).toContain(`TPL-${ticket.id}`);
    expect(JSON.stringify(replies[0])).toMatch(/EST|EDT/);

    const cards = ticketCardsIn(h.emulator, ids.triage);
    expect(cards).toHaveLength(1);
    const card = JSON.stringify(cards[0]);
    expect(card).toContain('Acme Corp');
    expect(card).toContain('Enterprise Premium');
    expect(card).toContain('tplus_ticket_acknowledge');
    expect(card).toContain('tplus_ticket_reclassify');
    expect(card).toContain('tplus_ticket_escalate');
  });

  it('keeps one ticket and one reply when Slack delivers the same event three times', async () => {
    const event = mentionEvent({ text: 'Exports fail with a 500 error for every report since this morning' });
    const eventId = event.event_id as string;
    const first = await h.send('event', event);
    const second = await h.send('event', event, { retryNum: 1, retryReason: 'http_timeout' });
    const third = await h.send('event', event, { retryNum: 2, retryReason: 'http_timeout' });
    expect([first.status, second.status, third.status]).toEqual([200, 200, 200]);
    await h.settle();
    const rows = await h.tplus.db.prisma.inboxEvent.findMany({ where: { dedupeKey: `slack:event:${eventId}` } });
    expect(rows).toHaveLength(1);
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ where: { inboxKey: `slack:event:${eventId}` } });
    const ts = (event.event as { ts: string }).ts;
    expect(ticket.threadTs).toBe(ts);
    expect(h.emulator.messagesIn(ids.acme.channel, { threadTs: ts })).toHaveLength(1);
  });

  it('refuses a ticket from a channel that belongs to no customer, ephemerally, and stores no ticket', async () => {
    const before = await h.tplus.db.prisma.ticket.count();
    await h.send(
      'event',
      mentionEvent({
        channel: ids.unknownChannel,
        user: 'U0RANDOM01',
        userTeam: 'T0RANDOM01',
        text: 'our site is down!!',
      }),
    );
    await h.settle();
    expect(await h.tplus.db.prisma.ticket.count()).toBe(before);
    const ephemerals = h.emulator.callsTo('chat.postEphemeral').filter((c) => c.args.channel === ids.unknownChannel);
    expect(ephemerals).toHaveLength(1);
    expect(ephemerals[0]!.args.user).toBe('U0RANDOM01');
    expect(String(ephemerals[0]!.args.text)).toContain('not connected to a tplus support plan');
    expect(h.emulator.messagesIn(ids.unknownChannel)).toHaveLength(0);
  });

  it('refuses a third organisation in a customer’s shared channel', async () => {
    const before = await h.tplus.db.prisma.ticket.count();
    await h.send(
      'event',
      mentionEvent({ user: 'U0STRANGE1', userTeam: ids.strangerTeam, text: 'everything is broken' }),
    );
    await h.settle();
    expect(await h.tplus.db.prisma.ticket.count()).toBe(before);
    expect(h.emulator.callsTo('chat.postEphemeral').some((c) => c.args.user === 'U0STRANGE1')).toBe(true);
  });

  it('never lets customer text ping a channel or inject a link', async () => {
    const hostile =
      'Dashboard chart colours are wrong <!channel> <!here> @everyone <@U0RESP0001> <!subteam^S123|@oncall> <https://evil.example|click here> *bold*';
    const event = mentionEvent({ text: hostile });
    await h.send('event', event);
    await h.settle();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({
      where: { inboxKey: `slack:event:${event.event_id as string}` },
    });
    const posted = h.emulator
      .callsTo('chat.postMessage')
      .concat(h.emulator.callsTo('chat.update'))
      .map((c) => JSON.stringify(c.args));
    const aboutTicket = posted.filter((p) => p.includes(`TPL-${ticket.id}`));
    expect(aboutTicket.length).toBeGreaterThanOrEqual(2);
    for (const text of aboutTicket) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<!here>');
      expect(text).not.toContain('<!subteam');
      expect(text).not.toContain('<https://evil.example');
      expect(text).not.toContain('<@U0RESP0001>');
      expect(text).not.toMatch(/(?<!\\u2060)@everyone/);
    }
    expect(aboutTicket.some((t) => t.includes('&lt;!channel&gt;'))).toBe(true);
  });
});

describe.each(DATABASE_KINDS)('support channels, on %s', (database) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ database });
  });
  afterAll(async () => h.close());

  it('files a ticket from a customer’s top-level message, and takes thread replies as comments', async () => {
    const top = messageEvent({ text: 'Invoices page shows the wrong currency symbol for EUR accounts' });
    const ts = (top.event as { ts: string }).ts;
    await h.send('event', top);
    await h.settle();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ where: { threadTs: ts } });
    expect(ticket.source).toBe('support-channel');

    await h.send('event', messageEvent({ text: 'Also happens on the PDF export', threadTs: ts }));
    await h.send(
      'event',
      messageEvent({ user: ids.responder, userTeam: ids.ourTeam, text: 'Looking into it now', threadTs: ts }),
    );
    await h.settle();
    const comments = await h.tplus.db.prisma.ticketComment.findMany({
      where: { ticketId: ticket.id },
      orderBy: { id: 'asc' },
    });
    expect(comments.map((c) => c.isResponder)).toEqual([false, true]);
    const after = await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.firstResponseBy).toBe(ids.responder);
    expect(after.firstResponseAt).not.toBeNull();
    expect(await h.tplus.db.prisma.ticket.count()).toBe(1);
  });

  it('does not file our own team’s top-level messages, nor messages in channels that are not support channels', async () => {
    await h.send('event', messageEvent({ user: ids.responder, userTeam: ids.ourTeam, text: 'FYI we deploy at 3pm' }));
    await h.send(
      'event',
      messageEvent({
        channel: ids.globex.channel,
        user: ids.globex.user,
        userTeam: ids.globex.team,
        text: 'hello there, quick question',
      }),
    );
    await h.settle();
    expect(await h.tplus.db.prisma.ticket.count()).toBe(1);
  });
});
