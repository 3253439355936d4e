import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FaultMode, RecordedCall, SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import type { PagerDutyFaultMode } from '../../src/sandbox/pagerduty-emulator/index.ts';
import { ids, PD } from '../support/harness.ts';
import { MINUTE, startIncidentScenario } from '../support/incident-scenario.ts';
import seedrandom from 'seedrandom';

/** A seeded generator (seedrandom), so a failing run can be replayed. */
const prng = (seed: number): (() => number) => seedrandom(String(seed));

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const ON_CALL = 'U0RESP0001';
const MANAGER = 'U0EMGR0001';
const VP = 'U0VPENG001';
const ACME_SUCCESS = 'U0CSACME01';
const SECOND = 1000;
const SLACK_MODES: FaultMode[] = ['429', '5xx', '5xx-after-commit'];
const PAGERDUTY_MODES: PagerDutyFaultMode[] = ['429', '5xx'];

/**
 * The Slack emulator draws its faults (and the dispatcher its jitter) from Math.random, taken when
 * they are built: seeded here before they are. `target` instead faults exactly the calls a rule
 * picks: the emulator records a call just before it draws for it.
 */
function controlRandom(seed: number) {
  const seeded = prng(seed);
  let rule: { emulator: SlackEmulator; picks: (call: RecordedCall) => boolean } | undefined;
  let lastDrawnFor: RecordedCall | undefined;
  vi.spyOn(Math, 'random').mockImplementation(() => {
    if (!rule) return seeded();
    const call = rule.emulator.calls.at(-1);
    if (call === undefined || call === lastDrawnFor) return 0.999;
    lastDrawnFor = call;
    return rule.picks(call) ? 0 : 0.999;
  });
  return {
    target(emulator: SlackEmulator, mode: FaultMode, picks: (call: RecordedCall) => boolean) {
      rule = { emulator, picks };
      emulator.failRatio(0.5, mode);
    },
  };
}

/**
 * The DM channel the Slack emulator keeps for a user (what conversations.open returns, and where posts to a user id
 * land).
 */
const dmChannel = (user: string) => `D${user.slice(1)}`;

type Scenario = Awaited<ReturnType<typeof startIncidentScenario>>;

/**
 * Retries wait on tplus's clock (backoff, Retry-After: 1 s): moves it on a second at a time until nothing is pending.
 */
async function drain(s: Scenario, budgetMs: number, beforeEachSecond: () => void = () => undefined): Promise<void> {
  const pending = () => s.h.tplus.db.prisma.outboxMessage.count({ where: { state: 'pending' } });
  for (let waited = 0; waited < budgetMs && (await pending()) > 0; waited += SECOND) {
    beforeEachSecond();
    s.clock.advance(SECOND);
    await s.h.tplus.engine.tick();
    await s.h.settle();
  }
}

/** Every outbox row delivered, and every Slack post in Slack exactly once (by the key in its metadata), none extra. */
async function expectEachEffectDeliveredOnce(s: Scenario) {
  const rows = await s.h.tplus.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
  expect(
    rows
      .filter((r) => r.state !== 'delivered')
      .map((r) => `${r.key}: ${r.state} after ${r.attempts} attempts (${r.lastError ?? ''})`),
  ).toEqual([]);
  const posts = rows.filter((r) => r.kind === 'slack.post');
  expect(posts.filter((r) => r.result === null).map((r) => r.key)).toEqual([]);
  const stored = s.h.emulator.workspace.messages
    .filter((m) => !m.isDeleted)
    .map((m) => String(m.metadata?.event_payload.key ?? ''));
  expect(posts.map((r) => r.key).filter((key) => stored.filter((k) => k === key).length !== 1)).toEqual([]);
  expect(stored.filter((key) => !posts.some((r) => r.key === key))).toEqual([]);
  return rows;
}

/** The incident's channels in the emulator's workspace (a retried create could leave a second `…-2`). */
function incidentChannels(s: Scenario, incidentId: number) {
  return [...s.h.emulator.workspace.channels.values()].filter((c) => c.name.startsWith(`inc-${incidentId}-`));
}

describe('the S1 runbook while Slack and PagerDuty fail 30 % of calls', () => {
  let s: Scenario | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
    vi.restoreAllMocks();
  });

  // Seeds whose draws include every fault kind (the test checks that they did). The draws follow the
  // order of the calls, which the dispatcher's lanes decide: with cards of different tickets side
  // by side, seeds 4 and 8 give no post that took effect but answered 500, so they would test less.
  it.each([1, 3, 5, 7, 9])(
    'delivers every effect once, and none twice, when nobody acknowledges until T+130 (seed %i)',
    { timeout: 60_000 },
    async (seed) => {
      controlRandom(seed);
      s = await startIncidentScenario();
      const scenario = s;
      const { h, clock } = scenario;
      // Only this test's ticks: the same seed gives the same calls, and the same faults.
      await h.tplus.engine.stop();
      const pagerDutyRandom = prng(seed + 1000);
      /** Both platforms fail 30 % of calls; which way they fail is drawn for each second of tplus time. */
      const shuffleFaults = () => {
        const draw = prng(seed * 1_000_003 + Math.floor(clock.now().getTime() / SECOND));
        h.emulator.failRatio(0.3, SLACK_MODES[Math.floor(draw() * SLACK_MODES.length)]!);
        h.pagerduty.failRatio(0.3, PAGERDUTY_MODES[Math.floor(draw() * PAGERDUTY_MODES.length)]!, pagerDutyRandom);
      };

      shuffleFaults();
      const { ticket, incident } = await scenario.file(OUTAGE);
      await drain(scenario, 50 * SECOND, shuffleFaults);
      for (let minute = 1; minute <= 130; minute += 1) {
        shuffleFaults();
        await scenario.at(minute * MINUTE);
        await drain(scenario, 50 * SECOND, shuffleFaults);
      }
      h.emulator.heal();
      h.pagerduty.heal();
      await drain(scenario, 5 * MINUTE);

      // The faults really happened, the ambiguous kind included (if not, this seed proves little: pick another).
      expect(h.emulator.calls.filter((c) => c.httpStatus === 429).length, 'Slack 429s').toBeGreaterThan(0);
      expect(
        h.emulator.calls.filter(
          (c) => c.method === 'chat.postMessage' && c.httpStatus === 500 && c.response?.ok === true,
        ).length,
        'posts that took effect but answered 500',
      ).toBeGreaterThan(0);
      expect(
        h.pagerduty.calls.filter((c) => c.httpStatus === 429 || c.httpStatus === 500).length,
        'PagerDuty faults',
      ).toBeGreaterThan(0);

      // The runbook kept its times: steps are claimed on tplus's clock, whatever delivery is doing.
      expect(await scenario.fired(incident.id)).toEqual([
        ['page', 0],
        ['ack-expected', 5],
        ['repage', 15],
        ['incident-channel', 15],
        ['status-investigating', 15],
        ['scope-assessment', 30],
        ['manager', 60],
        ['vp-and-success', 120],
      ]);

      await expectEachEffectDeliveredOnce(scenario);

      // What the runbook promises, once each.
      const triage = h.emulator.messagesIn(ids.triage).map((m) => m.text);
      for (const notice of [
        'Paging on-call for',
        'has not been acknowledged after 5 minutes',
        'Re-paging on-call',
        'escalated at T+60',
        'escalated at T+2h00',
      ]) {
        expect(
          triage.filter((t) => t.includes(notice)),
          notice,
        ).toHaveLength(1);
      }
      expect(
        h.emulator.messagesIn(ids.triage).filter((m) => m.metadata?.event_payload.key === `ticket:${ticket.id}:card`),
      ).toHaveLength(1);
      for (const user of [ON_CALL, MANAGER, VP, ACME_SUCCESS]) {
        expect(h.emulator.messagesIn(dmChannel(user)), `DMs to ${user}`).toHaveLength(1);
      }
      expect(h.emulator.messagesIn(dmChannel(MANAGER))[0]!.text).toContain('meet.example.com/tplus-incident-bridge');
      expect(
        h.emulator
          .messagesIn(ids.acme.channel, { threadTs: ticket.threadTs! })
          .filter((m) => m.text.includes('assessing its scope')),
      ).toHaveLength(1);

      // One incident channel, the one tplus recorded, with its context posted once.
      const channels = incidentChannels(scenario, incident.id);
      expect(channels.map((c) => c.name)).toHaveLength(1);
      const after = await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
      expect(after.channelId).toBe(channels[0]!.id);
      expect(channels[0]!.members.has(ON_CALL)).toBe(true);
      expect(h.emulator.callsTo('conversations.create').filter((c) => c.response?.ok === true)).toHaveLength(1);
      expect(h.emulator.messagesIn(after.channelId!).filter((m) => m.text.includes('What was reported'))).toHaveLength(
        1,
      );

      // PagerDuty accepted exactly the page and the re-page, on the incident's one alert.
      expect(h.pagerduty.events.map((e) => [e.event_action, e.dedup_key])).toEqual([
        ['trigger', `tplus-incident-${incident.id}`],
        ['trigger', `tplus-incident-${incident.id}`],
      ]);
      expect([...h.pagerduty.alerts()].map(([key, alert]) => [key, alert.triggers])).toEqual([
        [`tplus-incident-${incident.id}`, 2],
      ]);
    },
  );

  describe('one fault aimed at one call', () => {
    /** An S1 acknowledged in PagerDuty at T+2, so at T+15 the incident channel is the first thing sent to Slack. */
    async function acknowledgedAtTwoMinutes() {
      const random = controlRandom(99);
      s = await startIncidentScenario();
      await s.h.tplus.engine.stop();
      const { incident, ticket } = await s.file(OUTAGE);
      await s.walkTo(2);
      expect(
        (
          await s.h.pagerduty.sendWebhook(s.h.webhookUrl, {
            eventType: 'incident.acknowledged',
            dedupKey: `tplus-incident-${incident.id}`,
            agentSummary: 'Riley Responder',
            secret: PD.webhookSecret,
          })
        ).status,
      ).toBe(202);
      await s.walkTo(14);
      return { scenario: s, random, incident, ticket };
    }

    /** Runs to `at` with the aimed fault armed, lets retries happen, then heals Slack and drains. */
    async function faultThenHeal(scenario: Scenario, at: number) {
      await scenario.at(at);
      await drain(scenario, 50 * SECOND);
      scenario.h.emulator.heal();
      await drain(scenario, 5 * MINUTE);
    }

    /** Every effect once, one incident channel, recorded on the incident, with the on-call in it. */
    async function expectOneIncidentChannel(scenario: Scenario, incidentId: number) {
      await expectEachEffectDeliveredOnce(scenario);
      const channels = incidentChannels(scenario, incidentId);
      expect(channels.map((c) => c.name)).toHaveLength(1);
      const after = await scenario.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incidentId } });
      expect(after.channelId).toBe(channels[0]!.id);
      expect([...channels[0]!.members]).toContain(ON_CALL);
    }

    it(
      'opens one incident channel when inviting people into the new channel is rate-limited',
      { timeout: 60_000 },
      async () => {
        const { scenario, random, incident } = await acknowledgedAtTwoMinutes();
        const { h } = scenario;
        let invites = 0;
        random.target(h.emulator, '429', (call) => call.method === 'conversations.invite' && (invites += 1) === 1);
        await faultThenHeal(scenario, 15 * MINUTE);

        expect(h.emulator.callsTo('conversations.invite').map((c) => c.httpStatus)).toEqual([429, 200]);
        await expectOneIncidentChannel(scenario, incident.id);
      },
    );

    it(
      'opens one incident channel when creating it took effect but the answer was a 500',
      { timeout: 60_000 },
      async () => {
        const { scenario, random, incident } = await acknowledgedAtTwoMinutes();
        const { h } = scenario;
        let creates = 0;
        random.target(
          h.emulator,
          '5xx-after-commit',
          (call) => call.method === 'conversations.create' && (creates += 1) === 1,
        );
        await faultThenHeal(scenario, 15 * MINUTE);

        expect(h.emulator.callsTo('conversations.create')[0]).toMatchObject({
          httpStatus: 500,
          response: { ok: true },
        });
        await expectOneIncidentChannel(scenario, incident.id);
      },
    );

    it(
      'sends the manager one DM, and does not give up on it, when the DM took effect but the answer was a 500',
      { timeout: 60_000 },
      async () => {
        const { scenario, random, incident } = await acknowledgedAtTwoMinutes();
        const { h } = scenario;
        await scenario.walkTo(59);
        let posts = 0;
        random.target(
          h.emulator,
          '5xx-after-commit',
          (call) =>
            call.method === 'chat.postMessage' &&
            [MANAGER, dmChannel(MANAGER)].includes(String(call.args.channel)) &&
            (posts += 1) === 1,
        );
        await scenario.at(60 * MINUTE);
        await drain(scenario, 50 * SECOND);
        h.emulator.heal();
        await drain(scenario, 5 * MINUTE);

        expect(
          h.emulator.calls.filter(
            (c) => c.method === 'chat.postMessage' && c.httpStatus === 500 && c.response?.ok === true,
          ),
        ).toHaveLength(1);
        expect((await scenario.fired(incident.id)).map(([id]) => id)).toContain('manager');
        await expectEachEffectDeliveredOnce(scenario);
        expect(h.emulator.messagesIn(dmChannel(MANAGER))).toHaveLength(1);
      },
    );
  });
});
