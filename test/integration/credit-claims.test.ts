import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { buttonPress, modalSubmission } from '../support/payloads.ts';
import { seedIncident } from '../support/contract-seed.ts';

const NOW = new Date('2026-11-20T15:00:00.000Z');
const DAY = 86_400_000;
const ACME_SUCCESS = 'U0CSACME01';
const APPROVER = 'U0RESP0001';

function claimSubmission(
  incident: string,
  { note = '', user = ids.acme.user, userTeam = ids.acme.team, channel = ids.acme.channel } = {},
) {
  return modalSubmission({
    callbackId: VIEW.creditModal,
    privateMetadata: JSON.stringify({ channelId: channel }),
    user,
    userTeam,
    values: {
      [BLOCK.creditIncident]: { [BLOCK.creditIncident]: { type: 'plain_text_input', value: incident } },
      [BLOCK.creditNote]: { [BLOCK.creditNote]: { type: 'plain_text_input', value: note } },
    },
  });
}

describe('service credit claims from a customer channel', () => {
  let h: Harness;
  let clock: ReturnType<typeof manualClock>;
  beforeEach(async () => {
    clock = manualClock(NOW);
    h = await startHarness({ clock });
  });
  afterEach(async () => h.close());

  const claims = () => h.tplus.db.prisma.creditClaim.findMany();
  const postsIn = (channel: string) =>
    h.emulator.callsTo('chat.postMessage').filter((c) => c.httpStatus === 200 && c.args.channel === channel);
  const dmChannel = (user: string) =>
    String(
      (
        h.emulator.callsTo('conversations.open').find((c) => c.args.users === user)?.response as
          { channel?: { id?: string } } | undefined
      )?.channel?.id,
    );
  async function submit(incident: string, options?: Parameters<typeof claimSubmission>[1]) {
    const response = await h.send('interaction', claimSubmission(incident, options));
    await h.settle();
    return {
      status: response.status,
      body: response.body
        ? (JSON.parse(response.body) as { response_action?: string; errors?: Record<string, string> })
        : {},
    };
  }

  it('offers the button beside “Open a ticket” and opens the claim modal for a member of the customer', async () => {
    const prompt = await h.send('command', {
      command: '/tplus',
      text: 'intake-button',
      channel_id: ids.acme.channel,
      user_id: ids.responder,
      team_id: ids.ourTeam,
      trigger_id: 'trig-1',
      response_url: 'http://127.0.0.1:1/unused',
    });
    expect(prompt.status).toBe(200);
    await h.settle();
    const posted = JSON.stringify(postsIn(ids.acme.channel).at(-1)?.args.blocks);
    expect(posted).toContain(ACTION.openTicket);
    expect(posted).toContain(ACTION.requestCredit);
    await h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.requestCredit,
        value: 'credit',
        user: ids.acme.user,
        userTeam: ids.acme.team,
        channel: ids.acme.channel,
      }),
    );
    await h.settle();
    expect(h.emulator.callsTo('views.open').some((c) => JSON.stringify(c.args).includes(VIEW.creditModal))).toBe(true);
  });

  it('refuses the button to a third organisation in the shared channel, and opens nothing', async () => {
    await h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.requestCredit,
        value: 'credit',
        user: 'U0STRANGE1',
        userTeam: ids.strangerTeam,
        channel: ids.acme.channel,
      }),
    );
    await h.settle();
    expect(h.emulator.callsTo('views.open')).toEqual([]);
    expect(String(h.emulator.callsTo('chat.postEphemeral').at(-1)?.args.text)).toMatch(
      /Only members of the customer organisation/,
    );
  });

  it('refuses another customer’s incident and one that does not exist with the same words, and stores nothing', async () => {
    const globexOnly = await seedIncident(h.tplus.db.prisma, {
      customerId: 'globex',
      components: ['exports'],
      startedAt: new Date(NOW.getTime() - 2 * DAY),
      minutes: 60,
      title: 'Globex secret outage',
    });
    const theirs = await submit(`INC-${globexOnly}`);
    expect(theirs.body.response_action).toBe('errors');
    expect(theirs.body.errors?.[BLOCK.creditIncident]).toBe(
      `INC-${globexOnly} did not affect your services, so it cannot be claimed. Check the id in our notices.`,
    );
    expect(JSON.stringify(theirs.body)).not.toContain('Globex');
    const missing = await submit('INC-9999');
    expect(missing.body.errors?.[BLOCK.creditIncident]).toBe(
      'INC-9999 did not affect your services, so it cannot be claimed. Check the id in our notices.',
    );
    const garbled = await submit('the big one');
    expect(garbled.body.errors?.[BLOCK.creditIncident]).toMatch(/like INC-12/);
    expect(await claims()).toEqual([]);
    expect(postsIn(ACME_SUCCESS)).toEqual([]);
  });

  it('accepts a claim 30 calendar days after the incident ended (Acme’s zone) and refuses one a millisecond later', async () => {
    // Ended Wed 21 Oct 2026 11:00 EDT; the window closes Fri 20 Nov 11:00 EST, 30 × 24 h + 1 h later (fall back).
    const endedAt = new Date(NOW.getTime() - 30 * DAY);
    const closesAt = new Date(endedAt.getTime() + 30 * DAY + 60 * 60_000);
    const id = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date(endedAt.getTime() - 60 * 60_000),
      minutes: 60,
    });
    clock.set(new Date(closesAt.getTime() + 1));
    const late = await submit(`INC-${id}`);
    expect(late.body.errors?.[BLOCK.creditIncident]).toMatch(/within 30 days of the incident's end/);
    expect(await claims()).toEqual([]);
    clock.set(closesAt);
    const inTime = await submit(`inc ${id}`);
    expect(inTime.body.response_action).toBeUndefined();
    expect(await claims()).toHaveLength(1);
  });

  it('stores one claim with the month’s credit, DMs the success owner, and refuses a second claim for the same incident', async () => {
    // 90 min down in November so far (New York: from 1 Nov 04:00 UTC to now, 28,020 min) → 99.679 % → 10 % of 12,000
    // USD.
    const id = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-11-10T10:00:00Z'),
      minutes: 90,
    });
    const first = await submit(`INC-${id}`, { note: 'We lost <!channel> sales *all* day' });
    expect(first.status).toBe(200);
    expect(first.body.response_action).toBeUndefined();
    const [claim] = await claims();
    expect(claim).toMatchObject({
      customerId: 'acme',
      incidentId: id,
      month: '2026-11',
      state: 'pending',
      creditPercent: 10,
      creditAmount: 1200,
      currency: 'USD',
      requestedBy: ids.acme.user,
      channelId: ids.acme.channel,
    });
    expect(claim!.uptimePercent).toBeCloseTo(100 - (100 * 90) / 28_020, 9);
    const review = postsIn(dmChannel(ACME_SUCCESS));
    expect(review).toHaveLength(1);
    const blocks = JSON.stringify(review[0]!.args.blocks);
    expect(blocks).toContain(ACTION.approveCredit);
    expect(blocks).toContain('&lt;!channel&gt;');
    expect(blocks).not.toContain('<!channel>');
    expect(postsIn(ids.acme.channel).some((c) => String(c.args.text).includes(`request for *INC-${id}*`))).toBe(true);
    const again = await submit(`INC-${id}`);
    expect(again.body.errors?.[BLOCK.creditIncident]).toMatch(
      /You already requested a credit for INC-\d+ .* \(pending\)/,
    );
    expect(await claims()).toHaveLength(1);
  });

  it('claims once when the same submission is replayed', async () => {
    const id = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-11-10T10:00:00Z'),
      minutes: 90,
    });
    const payload = claimSubmission(`INC-${id}`);
    await h.send('interaction', payload);
    await h.send('interaction', payload, { retryNum: 1 });
    await h.settle();
    expect(await claims()).toHaveLength(1);
    expect(postsIn(dmChannel(ACME_SUCCESS))).toHaveLength(1);
  });

  describe('deciding a claim', () => {
    let claimId: number;
    let incidentId: number;
    beforeEach(async () => {
      incidentId = await seedIncident(h.tplus.db.prisma, {
        customerId: 'acme',
        components: ['api'],
        startedAt: new Date('2026-11-10T10:00:00Z'),
        minutes: 90,
      });
      await submit(`INC-${incidentId}`);
      claimId = (await claims())[0]!.id;
    });
    const press = (actionId: string, user: string, userTeam = ids.ourTeam) =>
      h
        .send(
          'interaction',
          buttonPress({ actionId, value: String(claimId), user, userTeam, channel: dmChannel(ACME_SUCCESS) }),
        )
        .then(() => h.settle());

    it('refuses someone who is neither the success owner nor an approver, and changes nothing', async () => {
      await press(ACTION.approveCredit, ids.internalNonResponder);
      expect((await claims())[0]).toMatchObject({ state: 'pending', decidedBy: null, appliedCycle: null });
      expect(String(h.emulator.callsTo('chat.postEphemeral').at(-1)?.args.text)).toMatch(
        /Only Acme Corp's success owner or a configured approver/,
      );
      // The success owner's id from another organisation is not the success owner.
      await press(ACTION.approveCredit, ACME_SUCCESS, ids.acme.team);
      expect((await claims())[0]!.state).toBe('pending');
      expect(postsIn(ids.acme.channel).filter((c) => String(c.args.text).includes('approved'))).toEqual([]);
    });

    it('approves: the credit applies to the next billing cycle and the customer is told in their channel', async () => {
      clock.set(new Date('2026-12-02T15:00:00Z'));
      await press(ACTION.approveCredit, ACME_SUCCESS);
      const [claim] = await claims();
      expect(claim).toMatchObject({
        state: 'approved',
        decidedBy: ACME_SUCCESS,
        appliedCycle: '2027-01',
        creditPercent: 10,
        creditAmount: 1200,
      });
      // Decided on November's final uptime (30 days and one hour in New York = 43,260 min).
      expect(claim!.uptimePercent).toBeCloseTo(100 - (100 * 90) / 43_260, 9);
      const told = postsIn(ids.acme.channel)
        .map((c) => String(c.args.text))
        .find((t) => t.includes('approved'));
      expect(told).toContain(`*INC-${incidentId}*`);
      expect(told).toContain('1200.00 USD');
      expect(told).toContain('applied to your 2027-01 invoice');
      expect(h.emulator.callsTo('chat.update').some((c) => String(c.args.text).includes('*approved*'))).toBe(true);
      // A second press changes nothing and says who decided.
      await press(ACTION.rejectCredit, APPROVER);
      expect((await claims())[0]!.state).toBe('approved');
      expect(String(h.emulator.callsTo('chat.postEphemeral').at(-1)?.args.text)).toMatch(/already approved/);
    });

    it('lets a configured approver reject, and the customer hears it', async () => {
      await press(ACTION.rejectCredit, APPROVER);
      expect((await claims())[0]).toMatchObject({ state: 'rejected', decidedBy: APPROVER, appliedCycle: null });
      expect(postsIn(ids.acme.channel).some((c) => String(c.args.text).includes('was not approved'))).toBe(true);
    });
  });
});
