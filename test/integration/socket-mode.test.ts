import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { buttonPress, mentionEvent } from '../support/payloads.ts';

describe('Socket Mode transport', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ socketMode: true });
    await h.emulator.socket.waitForConnection(5000);
  });
  afterAll(async () => h.close());

  it('commits, acks and files a ticket from an events_api envelope, once across a redelivery', async () => {
    const event = mentionEvent({ text: 'Our whole production platform is down, no workaround' });
    const first = await h.emulator.socket.deliver('events_api', event);
    const again = await h.emulator.socket.deliver('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    expect(first.ackedInMs).toBeLessThan(1000);
    expect(again.envelopeId).not.toBe(first.envelopeId);
    await h.settle();
    expect(await h.tplus.db.prisma.inboxEvent.count()).toBe(1);
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow();
    expect(ticket.severity).toBe('S1');
    expect(h.emulator.messagesIn(ids.acme.channel, { threadTs: (event.event as { ts: string }).ts })).toHaveLength(1);
  });

  it('refuses a button press by an external user over the socket, as over HTTP', async () => {
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow();
    await h.emulator.socket.deliver(
      'interactive',
      buttonPress({
        actionId: ACTION.acknowledge,
        value: String(ticket.id),
        user: ids.acme.user,
        userTeam: ids.acme.team,
      }),
    );
    await h.settle();
    expect((await h.tplus.db.prisma.ticket.findFirstOrThrow()).firstResponseAt).toBeNull();
    await h.emulator.socket.deliver(
      'interactive',
      buttonPress({ actionId: ACTION.acknowledge, value: String(ticket.id) }),
    );
    await h.settle();
    expect((await h.tplus.db.prisma.ticket.findFirstOrThrow()).firstResponseBy).toBe(ids.responder);
  });
});
