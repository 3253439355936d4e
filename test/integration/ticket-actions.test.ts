import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { buttonPress, mentionEvent, modalSubmission } from '../support/payloads.ts';

describe('the triage card’s buttons and the ticket modal', () => {
  let h: Harness;
  let ticketId: number;
  beforeAll(async () => {
    h = await startHarness();
    await h.send(
      'event',
      mentionEvent({
        text: 'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.',
      }),
    );
    await h.settle();
    ticketId = (await h.tplus.db.prisma.ticket.findFirstOrThrow()).id;
    // The incident starts now, not at a tick of the running engine that lands between two snapshots.
    await h.tplus.engine.tick();
    await h.settle();
  });
  afterAll(async () => h.close());

  const snapshot = async () => ({
    ticket: await h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } }),
    changes: await h.tplus.db.prisma.severityChange.count(),
    timeline: await h.tplus.db.prisma.timelineEntry.count(),
    outbox: await h.tplus.db.prisma.outboxMessage.count(),
  });

  it('refuses Acknowledge from an external user and from an internal non-responder, changing nothing', async () => {
    const before = await snapshot();
    const external = await h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.acknowledge,
        value: String(ticketId),
        user: ids.acme.user,
        userTeam: ids.acme.team,
      }),
    );
    const internal = await h.send(
      'interaction',
      buttonPress({ actionId: ACTION.acknowledge, value: String(ticketId), user: ids.internalNonResponder }),
    );
    expect([external.status, internal.status]).toEqual([200, 200]);
    await h.settle();
    expect(await snapshot()).toEqual(before);
    const refusals = h.emulator.callsTo('chat.postEphemeral').map((c) => c.args);
    expect(refusals.filter((a) => String(a.text).includes('Only on-call responders'))).toHaveLength(2);
  });

  it('records the first response when a responder acknowledges, updates the card and tells the customer', async () => {
    const response = await h.send(
      'interaction',
      buttonPress({ actionId: ACTION.acknowledge, value: String(ticketId) }),
    );
    expect(response.status).toBe(200);
    await h.settle();
    const { ticket } = await snapshot();
    expect(ticket.status).toBe('acknowledged');
    expect(ticket.firstResponseBy).toBe(ids.responder);
    const deadline = await h.tplus.db.prisma.deadline.findFirstOrThrow({ where: { ticketId } });
    expect(deadline.state).toBe('met');
    const updates = h.emulator.callsTo('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(updates.at(-1)!.args)).not.toContain(ACTION.acknowledge);
    const thread = h.emulator.messagesIn(ids.acme.channel, { threadTs: ticket.threadTs! });
    expect(thread.map((m) => JSON.stringify(m)).some((m) => m.includes('from our support team'))).toBe(true);
  });

  it('opens the reclassify modal for a responder, and keeps every severity change with actor, time and reason', async () => {
    await h.send('interaction', buttonPress({ actionId: ACTION.reclassify, value: String(ticketId) }));
    await h.settle();
    expect(h.emulator.callsTo('views.open').some((c) => JSON.stringify(c.args).includes(VIEW.reclassifyModal))).toBe(
      true,
    );

    const invalid = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.reclassifyModal,
        privateMetadata: JSON.stringify({ ticketId }),
        user: ids.responder,
        userTeam: ids.ourTeam,
        values: {
          [BLOCK.severity]: { [BLOCK.severity]: { type: 'static_select', selected_option: { value: 'S2' } } },
          [BLOCK.reason]: { [BLOCK.reason]: { type: 'plain_text_input', value: '' } },
        },
      }),
    );
    expect(JSON.parse(invalid.body)).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK.reason]: expect.any(String) },
    });
    expect((await snapshot()).ticket.severity).toBe('S3');

    const valid = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.reclassifyModal,
        privateMetadata: JSON.stringify({ ticketId }),
        user: ids.responder,
        userTeam: ids.ourTeam,
        values: {
          [BLOCK.severity]: { [BLOCK.severity]: { type: 'static_select', selected_option: { value: 'S2' } } },
          [BLOCK.reason]: { [BLOCK.reason]: { type: 'plain_text_input', value: 'Affects all EU tenants' } },
        },
      }),
    );
    expect(valid.status).toBe(200);
    await h.settle();
    expect((await snapshot()).ticket.severity).toBe('S2');
    const changes = await h.tplus.db.prisma.severityChange.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
    expect(changes.map((c) => [c.fromSeverity, c.toSeverity, c.actorUserId])).toEqual([
      [null, 'S3', 'tplus'],
      ['S3', 'S2', ids.responder],
    ]);
    expect(changes[1]!.reason).toBe('Affects all EU tenants');
  });

  it('refuses a reclassification submitted by an external user', async () => {
    const response = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.reclassifyModal,
        privateMetadata: JSON.stringify({ ticketId }),
        values: {
          [BLOCK.severity]: { [BLOCK.severity]: { type: 'static_select', selected_option: { value: 'S1' } } },
          [BLOCK.reason]: { [BLOCK.reason]: { type: 'plain_text_input', value: 'we say so' } },
        },
      }),
    );
    expect(JSON.parse(response.body).response_action).toBe('errors');
    await h.settle();
    expect((await snapshot()).ticket.severity).toBe('S2');
  });

  it('runs the incident’s next escalation at once when a responder presses Escalate', async () => {
    await h.tplus.engine.tick();
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({ where: { ticketId } });
    const step = await h.tplus.db.prisma.incidentStep.findFirstOrThrow({
      where: { incidentId: incident.id, state: 'pending' },
      orderBy: { dueAt: 'asc' },
    });
    expect(step.dueAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
    await h.send('interaction', buttonPress({ actionId: ACTION.escalate, value: String(ticketId) }));
    await h.settle();
    expect((await snapshot()).ticket.escalationRequestedAt).not.toBeNull();
    expect(
      (await h.tplus.db.prisma.incidentStep.findUniqueOrThrow({ where: { id: step.id } })).dueAt!.getTime(),
    ).toBeLessThanOrEqual(Date.now());
    expect(
      h.emulator.messagesIn(ids.triage).some((m) => JSON.stringify(m).includes('runs now instead of at its time')),
    ).toBe(true);
  });

  it('lets an external customer open the ticket modal from the button, validates it, and files from it', async () => {
    await h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.openTicket,
        value: 'open',
        user: ids.acme.user,
        userTeam: ids.acme.team,
        channel: ids.acme.channel,
      }),
    );
    await h.settle();
    const opened = h.emulator.callsTo('views.open').filter((c) => JSON.stringify(c.args).includes(VIEW.ticketModal));
    expect(opened).toHaveLength(1);
    const before = await h.tplus.db.prisma.ticket.count();

    const blank = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.ticketModal,
        privateMetadata: JSON.stringify({ channelId: ids.acme.channel }),
        values: {
          [BLOCK.summary]: { [BLOCK.summary]: { type: 'plain_text_input', value: ' ' } },
          [BLOCK.description]: { [BLOCK.description]: { type: 'plain_text_input', value: 'x' } },
        },
      }),
    );
    expect(JSON.parse(blank.body)).toMatchObject({
      response_action: 'errors',
      errors: { [BLOCK.summary]: expect.any(String), [BLOCK.description]: expect.any(String) },
    });
    expect(await h.tplus.db.prisma.ticket.count()).toBe(before);

    const filed = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.ticketModal,
        privateMetadata: JSON.stringify({ channelId: ids.acme.channel }),
        values: {
          [BLOCK.summary]: {
            [BLOCK.summary]: { type: 'plain_text_input', value: 'API returns 503 for every request' },
          },
          [BLOCK.description]: {
            [BLOCK.description]: {
              type: 'plain_text_input',
              value: 'Since 10:02 all API calls fail. Production is down, no workaround.',
            },
          },
          [BLOCK.proposedSeverity]: {
            [BLOCK.proposedSeverity]: { type: 'static_select', selected_option: { value: 'S2' } },
          },
        },
      }),
    );
    expect(filed.status).toBe(200);
    await h.settle();
    const ticket = await h.tplus.db.prisma.ticket.findFirstOrThrow({ where: { source: 'modal' } });
    expect(ticket.severity).toBe('S1');
    expect(ticket.proposedSeverity).toBe('S2');
    expect(ticket.threadTs).not.toBeNull();
    const anchor = h.emulator.messagesIn(ids.acme.channel).find((m) => (m as { ts: string }).ts === ticket.threadTs);
    expect(JSON.stringify(anchor)).toContain(`TPL-${ticket.id}`);
  });
});
