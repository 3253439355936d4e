import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.ts';
import { eventually, ids, startHarness, type Harness } from '../support/harness.ts';
import { startIncidentScenario } from '../support/incident-scenario.ts';
import { mentionEvent } from '../support/payloads.ts';
import {
  home as homeIn,
  homeButtonPress,
  openHome as openHomeAt,
  publishesTo as publishesIn,
} from '../support/app-home.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const SLOW = 'Exports to CSV have been slow since this morning, about a minute each. Everything else works.';
const MANAGER = 'U0EMGR0001';
const ACME_SUCCESS = 'U0CSACME01';

const openHome = (h: Harness, user: string) => openHomeAt(h.url, user);
const home = (h: Harness, user: string) => homeIn(h.emulator, user);
const publishesTo = (h: Harness, user: string) => publishesIn(h.emulator, user);

describe('the App Home', () => {
  let h: Harness | undefined;
  let s: Awaited<ReturnType<typeof startIncidentScenario>> | undefined;
  afterEach(async () => {
    await s?.close();
    await h?.close();
    s = undefined;
    h = undefined;
  });

  it('shows a responder, a manager and a customer success owner their part of a scripted S1, and an external user only a word', async () => {
    s = await startIncidentScenario();
    const sc = s;
    const { ticket, incident } = await sc.file(OUTAGE);
    const slow = (await sc.file(SLOW)).ticket;
    await sc.walkTo(3);
    await sc.acknowledge(slow.id);
    await sc.walkTo(5);
    sc.h.emulator.workspace.users.set(ids.acme.user, { id: ids.acme.user, teamId: ids.acme.team, name: 'pat' });
    for (const user of [ids.responder, MANAGER, ACME_SUCCESS, ids.acme.user]) await openHome(sc.h, user);
    await sc.at(5 * 60_000);

    const responder = home(sc.h, ids.responder);
    expect(responder.get('on-call')!.text.text).toBe(`*On call now:* <@${ids.responder}>`);
    expect(responder.get('waiting')!.text.text).toBe('Waiting for acknowledgement (1)');
    const waiting = responder.get(`waiting:${ticket.id}`)!;
    expect(waiting.text.text).toMatch(new RegExp(`^\\*TPL-${ticket.id}\\* · S1 · Acme Corp · Production is down`));
    expect(waiting.text.text).toMatch(/\nFirst response due <!date\^\d+\^\{ago\}\|2026-11-24 \d\d:\d\d UTC>$/);
    expect(waiting.accessory).toMatchObject({ action_id: ACTION.acknowledge, value: String(ticket.id) });
    expect(responder.get('mine')!.text.text).toBe('Acknowledged by you (1)');
    expect(responder.get(`mine:${slow.id}`)!.text.text).toContain(`TPL-${slow.id}`);
    const line = responder.get(`incident:${incident.id}`)!.text.text;
    expect(line).toMatch(new RegExp(`^\\*INC-${incident.id}\\* · S1 · Acme Corp · Production is down`));
    expect(line).toContain('not acknowledged');
    expect(line).toMatch(/Next: Acknowledgement missed, re-page <!date\^\d+\^\{ago\}/);

    const manager = home(sc.h, MANAGER);
    const bySeverity = async (severities: string[]) =>
      (
        await sc.h.tplus.db.prisma.incident.findMany({
          where: { resolvedAt: null, severity: { in: severities } },
          orderBy: { id: 'asc' },
        })
      ).map((i) => `incident:${i.id}`);
    expect([...manager.keys()]).toEqual(['on-call', 'incidents', ...(await bySeverity(['S1', 'S2']))]);
    expect(manager.has(`incident:${incident.id}`)).toBe(true);
    expect(manager.get('incidents')!.text.text).toBe('Open S1 and S2 incidents');

    const external = home(sc.h, ids.acme.user);
    expect([...external.keys()]).toEqual(['external']);
    expect(external.get('external')!.text.text).not.toMatch(/TPL-|INC-|Acme|U0/);

    // Customer success sees the follow-ups once the incident is resolved, by due time.
    expect(home(sc.h, ACME_SUCCESS).get('follow-ups:none')).toBeDefined();
    expect((await sc.resolve(ticket.id)).status).toBe(200);
    await sc.walkTo(8);
    const success = home(sc.h, ACME_SUCCESS);
    const followUps = [...success.keys()].filter((k) => k.startsWith('follow-up:'));
    expect(followUps).toEqual([
      `follow-up:${incident.id}:timeline`,
      `follow-up:${incident.id}:executive-summary`,
      `follow-up:${incident.id}:rca`,
    ]);
    expect(success.get(`follow-up:${incident.id}:rca`)!.text.text).toMatch(
      /^\*RCA\* · Acme Corp · INC-\d+ · due <!date/,
    );
    // The manager's Home no longer lists the resolved S1.
    expect(home(sc.h, MANAGER).has(`incident:${incident.id}`)).toBe(false);
  });

  it('acts on the Home’s Acknowledge button as on the card: refused for a non-responder, done for a responder', async () => {
    h = await startHarness();
    const hh = h;
    await hh.send('event', mentionEvent({ text: SLOW }));
    const ticket = (await eventually(() => hh.tplus.db.prisma.ticket.findFirst()))!;
    const press = async (user: string) => {
      await hh.send('interaction', homeButtonPress({ actionId: ACTION.acknowledge, value: String(ticket.id), user }));
      await hh.settle();
      return (await hh.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } })).status;
    };
    expect(await press(ids.internalNonResponder)).toBe('open');
    const refusal = hh.emulator.callsTo('chat.postEphemeral').at(-1)!;
    expect(refusal.args).toMatchObject({ user: ids.internalNonResponder, channel: ids.triage });
    expect(await press(ids.responder)).toBe('acknowledged');
  });

  it('publishes each Home a few times, with the last state, for 200 changes in 2 s', async () => {
    h = await startHarness();
    const hh = h;
    await hh.send('event', mentionEvent({ text: SLOW }));
    const ticket = (await eventually(() => hh.tplus.db.prisma.ticket.findFirst()))!;
    for (const user of [ids.responder, MANAGER]) await openHome(hh, user);
    await eventually(() => publishesTo(hh, MANAGER).length > 0 && publishesTo(hh, ids.responder).length > 0);
    const before = { responder: publishesTo(hh, ids.responder).length, manager: publishesTo(hh, MANAGER).length };
    const started = Date.now();
    for (let n = 1; n <= 200; n += 1) {
      await hh.tplus.db.prisma.$transaction([
        hh.tplus.db.prisma.ticket.update({ where: { id: ticket.id }, data: { summary: `change ${n}` } }),
        hh.tplus.db.prisma.timelineEntry.create({
          data: { ticketId: ticket.id, at: new Date(), kind: 'test-change', actor: 'test', detail: '{}' },
        }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + n * 10 - Date.now())));
    }
    expect(Date.now() - started).toBeLessThan(2_500);
    await eventually(() => home(hh, ids.responder).get(`waiting:${ticket.id}`)!.text.text.includes('change 200'), {
      timeoutMs: 10_000,
      intervalMs: 200,
    });
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const responderPublishes = publishesTo(hh, ids.responder).length - before.responder;
    const managerPublishes = publishesTo(hh, MANAGER).length - before.manager;
    expect(responderPublishes).toBeGreaterThanOrEqual(1);
    expect(responderPublishes).toBeLessThanOrEqual(5);
    expect(managerPublishes).toBeLessThanOrEqual(5);
    expect(home(hh, ids.responder).get(`waiting:${ticket.id}`)!.text.text).toContain('change 200');
  }, 30_000);

  it('delivers a Home refresh asked for during a Slack 429 storm once the storm ends', async () => {
    h = await startHarness();
    const hh = h;
    await hh.send('event', mentionEvent({ text: SLOW }));
    const ticket = (await eventually(() => hh.tplus.db.prisma.ticket.findFirst()))!;
    await openHome(hh, ids.responder);
    await eventually(() => publishesTo(hh, ids.responder).length > 0);
    hh.emulator.failAll({ mode: '429', retryAfterSeconds: 1, forMs: 3_000 });
    const stormEnds = Date.now() + 3_000;
    await hh.tplus.db.prisma.$transaction([
      hh.tplus.db.prisma.ticket.update({ where: { id: ticket.id }, data: { summary: 'changed in the storm' } }),
      hh.tplus.db.prisma.timelineEntry.create({
        data: { ticketId: ticket.id, at: new Date(), kind: 'test-change', actor: 'test', detail: '{}' },
      }),
    ]);
    await eventually(() => publishesTo(hh, ids.responder).some((c) => c.httpStatus === 429), { timeoutMs: 5_000 });
    await eventually(
      () => home(hh, ids.responder).get(`waiting:${ticket.id}`)!.text.text.includes('changed in the storm'),
      {
        timeoutMs: 15_000,
        intervalMs: 200,
      },
    );
    const delivered = publishesTo(hh, ids.responder)
      .filter((c) => c.httpStatus === 200)
      .at(-1)!;
    expect(delivered.at.getTime()).toBeGreaterThanOrEqual(stormEnds - 50);
    expect(await hh.tplus.db.prisma.outboxMessage.count({ where: { kind: 'slack.publish-home', state: 'dead' } })).toBe(
      0,
    );
  }, 30_000);
});
