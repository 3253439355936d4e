import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/temp-database.ts';
import { ids } from '../support/harness.ts';
import { MINUTE, startIncidentScenario } from '../support/incident-scenario.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const MANAGER = 'U0EMGR0001';
const VP = 'U0VPENG001';
const ACME_SUCCESS = 'U0CSACME01';

describe.each(DATABASE_KINDS)('the S1 runbook on a fake clock, on %s', (database) => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  it('runs every step at its default offset, in order, when nobody acknowledges', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    expect(incident.severity).toBe('S1');
    await s.walkTo(130);
    expect(await s.fired(incident.id)).toEqual([
      ['page', 0],
      ['ack-expected', 5],
      ['repage', 15],
      ['incident-channel', 15],
      ['status-investigating', 15],
      ['scope-assessment', 30],
      ['manager', 60],
      ['vp-and-success', 120],
    ]);
    // PagerDuty: the page and the re-page, on one alert.
    expect(s.pagerDutyActions()).toEqual(['trigger', 'trigger']);
    expect(s.h.pagerduty.alerts().size).toBe(1);
    // The incident channel exists once, with responders and on-call invited, and the status was set.
    const created = s.h.emulator.callsTo('conversations.create').filter((c) => c.httpStatus === 200);
    expect(created).toHaveLength(1);
    expect(String(created[0]!.args.name)).toMatch(/^inc-\d+-production-is-down/);
    expect(
      await s.h.tplus.db.prisma.componentStatusChange.findMany({
        where: { incidentId: incident.id },
        select: { componentId: true, state: true },
      }),
    ).toEqual([
      { componentId: 'api', state: 'major_outage' },
      { componentId: 'dashboard', state: 'major_outage' },
    ]);
    // The customer was told at T+30, in their thread.
    expect(s.h.emulator.messagesIn(ids.acme.channel).some((m) => m.text.includes('assessing its scope'))).toBe(true);
    // Escalations: the manager with the bridge at T+60, VP and customer success at T+120.
    expect(s.dmsTo(MANAGER).some((t) => t.includes('meet.example.com/tplus-incident-bridge'))).toBe(true);
    expect(s.dmsTo(VP)).toHaveLength(1);
    expect(s.dmsTo(ACME_SUCCESS)).toHaveLength(1);
  });

  it('invites the engineering manager at T+60 and the VP at T+120 into the incident channel, once each', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    await s.walkTo(59);
    const channelId = (await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId!;
    const members = () => s.h.emulator.workspace.channels.get(channelId)!.members;
    expect(members().has(MANAGER)).toBe(false);
    await s.walkTo(60);
    expect(members().has(MANAGER)).toBe(true);
    expect(members().has(VP)).toBe(false);
    // The manager also got the bridge in a DM.
    expect(s.dmsTo(MANAGER).some((t) => t.includes('meet.example.com/tplus-incident-bridge'))).toBe(true);
    await s.walkTo(119);
    expect(members().has(VP)).toBe(false);
    await s.walkTo(125);
    expect(members().has(VP)).toBe(true);
    // Customer success is told, not invited.
    expect(members().has(ACME_SUCCESS)).toBe(false);
    expect(s.dmsTo(ACME_SUCCESS)).toHaveLength(1);
    const invites = s.h.emulator.callsTo('conversations.invite').filter((c) => c.args.channel === channelId);
    expect(invites.filter((c) => c.args.users === MANAGER).map((c) => c.response?.ok)).toEqual([true]);
    expect(invites.filter((c) => c.args.users === VP).map((c) => c.response?.ok)).toEqual([true]);
    const timeline = await s.h.tplus.db.prisma.incidentEvent.findMany({
      where: { incidentId: incident.id, kind: 'invite' },
    });
    expect(timeline.map((e) => e.text)).toEqual([
      `Invited to the incident channel: ${MANAGER}`,
      `Invited to the incident channel: ${VP}`,
    ]);
  });

  it('takes already_in_channel as done when the VP joined the incident channel on their own', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    await s.walkTo(100);
    const channelId = (await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId!;
    s.h.emulator.workspace.channels.get(channelId)!.members.add(VP);
    await s.walkTo(125);
    const invites = s.h.emulator.callsTo('conversations.invite').filter((c) => c.args.users === VP);
    expect(invites.map((c) => c.response?.error)).toEqual(['already_in_channel']);
    const item = await s.h.tplus.db.prisma.outboxMessage.findUniqueOrThrow({
      where: { key: `incident:${incident.id}:invite:${VP}` },
    });
    expect(item.state).toBe('delivered');
    expect(item.attempts).toBe(1);
    expect(await s.h.tplus.db.prisma.outboxMessage.count({ where: { state: 'dead' } })).toBe(0);
  });

  it('re-pages exactly at T+15: not a millisecond before', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    await s.at(15 * MINUTE - 1);
    expect((await s.fired(incident.id)).map(([id]) => id)).toEqual(['page', 'ack-expected']);
    await s.at(15 * MINUTE);
    expect((await s.fired(incident.id)).filter(([id]) => id === 'repage')).toEqual([['repage', 15]]);
  });

  it('escalates to nobody when acknowledged at T+5 and resolved at T+40', async () => {
    s = await startIncidentScenario({ database });
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(5);
    await s.acknowledge(ticket.id);
    await s.walkTo(40);
    expect((await s.resolve(ticket.id)).status).toBe(200);
    await s.walkTo(130);
    const fired = (await s.fired(incident.id)).map(([id]) => id);
    expect(fired).not.toContain('manager');
    expect(fired).not.toContain('vp-and-success');
    expect(fired).not.toContain('repage');
    expect(s.dmsTo(MANAGER)).toEqual([]);
    expect(s.dmsTo(VP)).toEqual([]);
    // PagerDuty heard the page, the acknowledgement and the resolution, in that order.
    expect(s.pagerDutyActions()).toEqual(['trigger', 'acknowledge', 'resolve']);
    const after = await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(after.acknowledgedAt!.getTime() - after.startedAt.getTime()).toBe(5 * MINUTE);
    expect(after.resolvedAt!.getTime() - after.startedAt.getTime()).toBe(40 * MINUTE);
    expect(
      await s.h.tplus.db.prisma.componentStatusChange.findMany({
        where: { incidentId: incident.id, state: 'operational' },
      }),
    ).toHaveLength(2);
  });

  it('still escalates to the manager at T+60 and the VP at T+120 when acknowledged but unresolved', async () => {
    s = await startIncidentScenario({ database });
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(5);
    await s.acknowledge(ticket.id);
    await s.walkTo(125);
    const fired = await s.fired(incident.id);
    expect(fired).toContainEqual(['manager', 60]);
    expect(fired).toContainEqual(['vp-and-success', 120]);
    expect(fired.map(([id]) => id)).not.toContain('repage');
    // Acknowledged at T+5, nobody engaged by T+35: the ladder's "engaged within 30 min of ack" notice.
    expect(fired).toContainEqual(['engaged', 35]);
    expect(s.dmsTo(MANAGER)).toHaveLength(1);
  });

  it('fires the S1 steps already due at once when an S3 is reclassified S1 at T+20', async () => {
    s = await startIncidentScenario({ database });
    const { ticket, incident } = await s.file(
      'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.',
    );
    expect(incident.severity).toBe('S3');
    await s.walkTo(20);
    expect(await s.fired(incident.id)).toEqual([]);
    await s.reclassify(ticket.id, 'S1');
    const fired = await s.fired(incident.id);
    expect(fired).toEqual([
      ['page', 20],
      ['ack-expected', 20],
      ['repage', 20],
      ['incident-channel', 20],
      ['status-investigating', 20],
    ]);
    const replanned = await s.h.tplus.db.prisma.incidentEvent.findFirstOrThrow({
      where: { incidentId: incident.id, kind: 'replanned' },
    });
    expect(replanned.text).toContain('S3 → S1');
    expect(replanned.text).toContain('ack-overdue');
    await s.walkTo(30);
    expect((await s.fired(incident.id)).at(-1)).toEqual(['scope-assessment', 30]);
  });

  it('asks for the scope in the incident channel when one late tick opens the channel and reaches T+30 together', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    // Nothing ticks between T+0 and T+35 (a process that was down): one batch runs T+5 to T+30.
    await s.at(35 * MINUTE);
    expect((await s.fired(incident.id)).map(([id]) => id)).toEqual([
      'page',
      'ack-expected',
      'repage',
      'incident-channel',
      'status-investigating',
      'scope-assessment',
    ]);
    const created = s.h.emulator.callsTo('conversations.create').filter((c) => c.httpStatus === 200);
    expect(created).toHaveLength(1);
    const channel = String((created[0]!.response as { channel?: { id?: string } }).channel?.id);
    const asks = (room: string) =>
      s.h.emulator.messagesIn(room).filter((m) => m.text.includes('please post the initial scope assessment'));
    expect(asks(channel)).toHaveLength(1);
    expect(asks(ids.triage)).toEqual([]);
  });
});
