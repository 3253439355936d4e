import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids, PD, ticketCardsIn } from '../support/harness.ts';
import { MINUTE, startIncidentScenario, T0 } from '../support/incident-scenario.ts';
import { buttonPress, modalSubmission } from '../support/payloads.ts';

type Scenario = Awaited<ReturnType<typeof startIncidentScenario>>;

/** Clearly S3 under the contract (a few accounts, a workaround they can keep using). */
const SEARCH_SUMMARY = 'Search by name finds nothing for a few accounts';
const SEARCH_DETAIL = 'Searching by email works, so we are fine for now.';
const SEARCH =
  'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.';

/** Files through the ticket modal, where the customer proposes a severity; returns the new ticket. */
async function fileFromModal(s: Scenario, proposed: string) {
  const response = await s.h.send(
    'interaction',
    modalSubmission({
      callbackId: VIEW.ticketModal,
      privateMetadata: JSON.stringify({ channelId: ids.acme.channel }),
      values: {
        [BLOCK.summary]: { [BLOCK.summary]: { type: 'plain_text_input', value: SEARCH_SUMMARY } },
        [BLOCK.description]: { [BLOCK.description]: { type: 'plain_text_input', value: SEARCH_DETAIL } },
        [BLOCK.proposedSeverity]: {
          [BLOCK.proposedSeverity]: { type: 'static_select', selected_option: { value: proposed } },
        },
      },
    }),
  );
  expect(response.status).toBe(200);
  await s.at(s.clock.now().getTime() - T0.getTime());
  const ticket = await s.h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
  const incident = await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { ticketId: ticket.id } });
  return { ticket, incident };
}

const triggers = (s: Scenario) => s.h.pagerduty.events.filter((e) => e.event_action === 'trigger');
const postKeyed = (s: Scenario, channel: string, key: string) =>
  s.h.emulator.messagesIn(channel).find((m) => m.metadata?.event_payload.key === key);

describe('a possible S1', () => {
  let s: Scenario;
  afterEach(async () => s.close());

  it('pages on-call once at T+0 as "possible S1: confirm", and asks the customer to confirm the impact', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await fileFromModal(s, 'S1');
    expect(ticket.severity).toBe('S3');
    expect(ticket.isPossibleS1).toBe(true);
    expect(incident.severity).toBe('S3');

    // PagerDuty: one critical trigger on the incident's dedup key, saying what it is.
    expect(triggers(s)).toHaveLength(1);
    const page = triggers(s)[0]!;
    expect(page.dedup_key).toBe(`tplus-incident-${incident.id}`);
    expect(page.payload).toMatchObject({ severity: 'critical' });
    expect(String((page.payload as { summary: string }).summary)).toContain(
      `[S3 · possible S1: confirm] INC-${incident.id}`,
    );
    expect(await s.fired(incident.id)).toEqual([['page', 0]]);
    // Triage hears the page, with the same words.
    const notice = s.h.emulator.messagesIn(ids.triage).find((m) => m.text.startsWith(':pager:'));
    expect(notice?.text).toContain('possible S1: confirm');

    // The card says so prominently, with the classifier's confidence.
    const card = JSON.stringify(ticketCardsIn(s.h.emulator, ids.triage)[0]);
    expect(card).toContain(
      ':rotating_light: *Possible S1: confirm* — on-call paged; the customer was asked to confirm the impact.',
    );
    expect(card).toContain(`S3 · ${Math.round(ticket.classificationConfidence! * 100)} % confident`);

    // The customer is told on-call was paged and asked the three questions, with Yes / No buttons.
    const ack = JSON.stringify(postKeyed(s, ids.acme.channel, `ticket:${ticket.id}:customer-ack`));
    expect(ack).toContain('we have paged our on-call engineer');
    expect(ack).toContain('Please answer these questions');
    for (const question of [
      'Is the product unusable for all your users?',
      'Is data being lost or exposed to someone who should not see it?',
      'Do you have a workaround you can keep using?',
    ])
      expect(ack).toContain(question);
    expect(ack.split(ACTION.impactYes).length - 1).toBe(3);
    expect(ack.split(ACTION.impactNo).length - 1).toBe(3);

    // Nothing pages again while it waits (the S3 plan has no re-page).
    await s.walkTo(30);
    expect(triggers(s)).toHaveLength(1);
  });

  it('passes a Slack acknowledgement on to PagerDuty on the same alert', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await fileFromModal(s, 'S1');
    await s.walkTo(3);
    await s.acknowledge(ticket.id);
    expect(s.pagerDutyActions()).toEqual(['trigger', 'acknowledge']);
    expect(new Set(s.h.pagerduty.events.map((e) => e.dedup_key))).toEqual(new Set([`tplus-incident-${incident.id}`]));
    expect(s.h.pagerduty.alerts().get(`tplus-incident-${incident.id}`)?.status).toBe('acknowledged');
  });

  it('takes an acknowledgement in PagerDuty back to the ticket as its first response', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await fileFromModal(s, 'S1');
    await s.walkTo(2);
    const sent = await s.h.pagerduty.sendWebhook(s.h.webhookUrl, {
      eventType: 'incident.acknowledged',
      dedupKey: `tplus-incident-${incident.id}`,
      agentSummary: 'Riley Responder',
      secret: PD.webhookSecret,
    });
    expect(sent.status).toBe(202);
    await s.at(2 * MINUTE);
    const after = await s.h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.status).toBe('acknowledged');
    expect(after.firstResponseAt!.getTime() - after.filedAt.getTime()).toBe(2 * MINUTE);
  });
});

describe('an ordinary S3', () => {
  let s: Scenario;
  afterEach(async () => s.close());

  it('does not page, and its card and acknowledgement do not speak of S1', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await s.file(SEARCH);
    expect(ticket.severity).toBe('S3');
    expect(ticket.isPossibleS1).toBe(false);
    await s.walkTo(30);
    expect(s.h.pagerduty.events).toEqual([]);
    expect(await s.fired(incident.id)).toEqual([]);
    expect(JSON.stringify(ticketCardsIn(s.h.emulator, ids.triage)[0])).not.toContain('Possible S1');
    const ack = JSON.stringify(postKeyed(s, ids.acme.channel, `ticket:${ticket.id}:customer-ack`));
    expect(ack).not.toContain('paged');
    expect(ack).toContain('Is the product unusable for all your users?');
  });
});

describe('the customer confirming the impact', () => {
  let s: Scenario;
  afterEach(async () => s.close());

  it('raises an S3 to S1 at once when they answer Yes to "unusable for all": due time, re-plan, page', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await s.file(SEARCH);
    expect(ticket.severity).toBe('S3');
    await s.walkTo(10);
    expect(s.h.pagerduty.events).toEqual([]);

    await s.h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.impactYes,
        value: `${ticket.id}:unusable-for-all`,
        user: ids.acme.user,
        userTeam: ids.acme.team,
        channel: ids.acme.channel,
      }),
    );
    await s.at(10 * MINUTE);

    const after = await s.h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(after.severity).toBe('S1');
    // Enterprise Premium S1: 30 minutes from filing, around the clock (it was the S3 target).
    expect(after.firstResponseDueAt.getTime() - after.filedAt.getTime()).toBe(30 * MINUTE);
    expect(ticket.firstResponseDueAt.getTime()).not.toBe(after.firstResponseDueAt.getTime());
    const deadline = await s.h.tplus.db.prisma.deadline.findFirstOrThrow({ where: { ticketId: ticket.id } });
    expect(deadline.dueAt.getTime()).toBe(after.firstResponseDueAt.getTime());
    const changes = await s.h.tplus.db.prisma.severityChange.findMany({
      where: { ticketId: ticket.id },
      orderBy: { id: 'asc' },
    });
    expect(changes.map((c) => [c.fromSeverity, c.toSeverity, c.actorUserId])).toEqual([
      [null, 'S3', 'tplus'],
      ['S3', 'S1', ids.acme.user],
    ]);

    // The incident is re-planned as S1 from the same T+0: the page and the steps already due fire now.
    const replanned = await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(replanned).toMatchObject({ severity: 'S1', planVersion: 2 });
    expect(await s.fired(incident.id)).toContainEqual(['page', 10]);
    expect(triggers(s)).toHaveLength(1);
    expect(String((triggers(s)[0]!.payload as { summary: string }).summary)).toContain(`[S1] INC-${incident.id}`);

    // The customer hears it in their thread; the card shows it; the answer is on the timeline.
    const thread = s.h.emulator.messagesIn(ids.acme.channel, { threadTs: ticket.threadTs! });
    expect(thread.some((m) => m.text === `TPL-${ticket.id} is now S1`)).toBe(true);
    expect(JSON.stringify(ticketCardsIn(s.h.emulator, ids.triage)[0])).toContain('unusable for all users: *Yes*');
    const timeline = await s.h.tplus.db.prisma.timelineEntry.findMany({ where: { ticketId: ticket.id } });
    expect(timeline.map((t) => t.kind)).toEqual(
      expect.arrayContaining(['ticket.impact-answered', 'ticket.reclassified']),
    );
  });
});
