import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/engine/clock.ts';
import { startHarness, type Harness } from '../support/harness.ts';
import { seedIncident } from '../support/contract-seed.ts';

const DAY = 86_400_000;
const MIN = 60_000;
const ACME_SUCCESS = 'U0CSACME01';
const ACME_EXEC = 'U0EXECACM1';
const GLOBEX_SUCCESS = 'U0CSGLOB01';
const T0 = new Date('2026-06-01T14:00:00.000Z');

describe('termination triggers and error-budget lines, run by the engine', () => {
  let h: Harness;
  let clock: ReturnType<typeof manualClock>;
  afterEach(async () => h.close());

  async function start(at: Date) {
    clock = manualClock(at);
    h = await startHarness({ clock });
  }
  /** Moves the clock and runs one engine tick (the contract module runs at most once a minute of tplus time). */
  async function tickAt(at: Date) {
    clock.set(at);
    await h.tplus.engine.tick();
    await h.settle();
  }
  // Seeded S1s are resolved, so the follow-up sweep also plans their RCA deadlines (and those may trip rca-late): tests
  // look at one kind.
  const triggers = (kind: string) =>
    h.tplus.db.prisma.terminationTrigger.findMany({ where: { kind }, orderBy: { id: 'asc' } });
  const dmsTo = (user: string) => {
    const dm = String(
      (
        h.emulator.callsTo('conversations.open').find((c) => c.args.users === user)?.response as
          { channel?: { id?: string } } | undefined
      )?.channel?.id,
    );
    return h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => c.httpStatus === 200 && c.args.channel === dm)
      .map((c) => String(c.args.text));
  };
  const s1At = (day: number, extra: Parameters<typeof seedIncident>[1] extends infer P ? Partial<P> : never = {}) =>
    seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date(T0.getTime() + day * DAY),
      minutes: 30,
      ...extra,
    });

  it('fires on the third S1 within 90 days (day 0, 50, 89), once, and alerts the success owner and the executive contact', async () => {
    await start(new Date(T0.getTime() + 89 * DAY + 60 * MIN));
    const ids = [await s1At(0), await s1At(50), await s1At(89)];
    await tickAt(clock.now());
    await tickAt(new Date(clock.now().getTime() + 2 * MIN));
    const fired = await triggers('s1-count');
    expect(fired.map((t) => t.key)).toEqual([`s1-count:acme:${ids[2]}`]);
    expect(JSON.parse(fired[0]!.evidence).incidents.map((i: { id: number }) => i.id)).toEqual(ids);
    for (const person of [ACME_SUCCESS, ACME_EXEC]) {
      const dms = dmsTo(person).filter((t) => t.includes('S1 incidents within'));
      expect(dms).toHaveLength(1);
      expect(dms[0]).toContain('3 S1 incidents within 90 days');
      for (const id of ids) expect(dms[0]).toContain(`INC-${id}`);
    }
    expect(dmsTo(GLOBEX_SUCCESS)).toEqual([]);
    expect(await triggers('s1-count')).toHaveLength(1);
  });

  it('fires when the third S1 arrives after earlier checks found nothing to judge anew', async () => {
    await start(new Date(T0.getTime() + 89 * DAY + 60 * MIN));
    await s1At(0);
    await s1At(50);
    await tickAt(clock.now());
    await tickAt(new Date(clock.now().getTime() + 2 * MIN));
    expect(await triggers('s1-count')).toEqual([]);
    const third = await s1At(89);
    await tickAt(new Date(clock.now().getTime() + 2 * MIN));
    expect((await triggers('s1-count')).map((t) => t.key)).toEqual([`s1-count:acme:${third}`]);
  });

  it('does not fire on day 0, 50, 95: the window rolled past the first S1', async () => {
    await start(new Date(T0.getTime() + 95 * DAY + 60 * MIN));
    await s1At(0);
    await s1At(50);
    await s1At(95);
    await tickAt(clock.now());
    expect(await triggers('s1-count')).toEqual([]);
    expect(dmsTo(ACME_SUCCESS).filter((t) => t.includes('S1 incidents within'))).toEqual([]);
  });

  it.each([
    ['alerts about a triple found while its third S1 is inside the window', 110 * DAY - 1, 1],
    [
      'does not alert about a triple whose third S1 is a whole window old (a first run over an old database)',
      110 * DAY,
      0,
    ],
  ])('%s', async (_name, runAt, expected) => {
    await start(new Date(T0.getTime() + runAt));
    await s1At(0);
    await s1At(10);
    await s1At(20);
    await tickAt(clock.now());
    expect(await triggers('s1-count')).toHaveLength(expected);
  });

  it('does not fire on two S1s and a customer-caused one', async () => {
    await start(new Date(T0.getTime() + 60 * DAY));
    await s1At(0);
    await s1At(10);
    await s1At(20, { isCustomerCaused: true });
    await tickAt(clock.now());
    expect(await triggers('s1-count')).toEqual([]);
  });

  it('fires when a completed month’s uptime is below 95 %, at the customer’s midnight', async () => {
    // October in New York: 44,640 min; 1,000 min of announced maintenance leave 43,640. 2,200 min down → 94.959 %.
    // While the month runs it could still end at 95 % (the whole month allows 2,232 min), so it waits for the end.
    await start(new Date('2026-10-31T12:00:00Z'));
    await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-10-10T12:00:00Z'),
      minutes: 2200,
    });
    await h.tplus.db.prisma.statusIncident.create({
      data: {
        publicId: 'maint0000oct1',
        kind: 'maintenance',
        name: 'Upgrade',
        impact: 'maintenance',
        status: 'completed',
        components: JSON.stringify([{ componentId: 'api', state: 'under_maintenance' }]),
        createdAt: new Date('2026-10-01T00:00:00Z'),
        updatedAt: new Date('2026-10-01T00:00:00Z'),
        announcedAt: new Date('2026-10-01T00:00:00Z'),
        scheduledFor: new Date('2026-10-20T00:00:00Z'),
        scheduledUntil: new Date('2026-10-20T16:40:00Z'),
      },
    });
    await tickAt(clock.now());
    expect(await triggers('uptime')).toEqual([]);
    // October ends at midnight in New York, still on daylight time: 04:00 UTC.
    await tickAt(new Date('2026-11-01T03:59:59.999Z'));
    expect(await triggers('uptime')).toEqual([]);
    await tickAt(new Date('2026-11-01T04:01:00Z'));
    const fired = await triggers('uptime');
    expect(fired.map((t) => t.key)).toEqual(['uptime:acme:2026-10']);
    expect(JSON.parse(fired[0]!.evidence)).toMatchObject({
      isMonthComplete: true,
      uptimePercent: expect.closeTo(100 - (100 * 2200) / 43_640, 9) as number,
    });
    expect(dmsTo(ACME_EXEC).filter((t) => /uptime in 2026-10 was 94\.959 %/.test(t))).toHaveLength(1);
  });

  it('fires mid-month once the downtime so far is more than the whole month allows, not when it equals it', async () => {
    // October allows 5 % of 44,640 = 2,232 min below 95 %.
    await start(new Date('2026-10-20T12:00:00Z'));
    const id = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-10-10T12:00:00Z'),
      minutes: 2232,
    });
    await tickAt(clock.now());
    expect(await triggers('uptime')).toEqual([]);
    await h.tplus.db.prisma.incident.update({
      where: { id },
      data: { resolvedAt: new Date(Date.parse('2026-10-10T12:00:00Z') + 2232 * MIN + 1) },
    });
    await tickAt(new Date('2026-10-20T12:05:00Z'));
    const fired = await triggers('uptime');
    expect(fired.map((t) => t.key)).toEqual(['uptime:acme:2026-10']);
    expect(JSON.parse(fired[0]!.evidence)).toMatchObject({ isMonthComplete: false });
    expect(
      dmsTo(ACME_SUCCESS).filter((t) => t.includes('more than the 2232.0 min the whole month allows')),
    ).toHaveLength(1);
    // Once fired, the month's end changes nothing.
    await tickAt(new Date('2026-11-01T04:01:00Z'));
    expect(await triggers('uptime')).toHaveLength(1);
  });

  it('judges a month once the incidents in it are resolved: an open S1 later marked upstream fires nothing', async () => {
    await start(new Date('2026-11-01T04:01:00Z'));
    const open = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-10-10T12:00:00Z'),
      minutes: null,
    });
    await tickAt(clock.now());
    expect(await triggers('uptime')).toEqual([]);
    await h.tplus.db.prisma.incident.update({
      where: { id: open },
      data: { resolvedAt: new Date('2026-11-02T12:00:00Z'), isUpstreamCause: true, upstreamProvider: 'AWS' },
    });
    await tickAt(new Date('2026-11-02T12:05:00Z'));
    expect(await triggers('uptime')).toEqual([]);
  });

  it('judges a month once the incidents in it are resolved: an open S1 resolved as ours fires then', async () => {
    await start(new Date('2026-11-01T04:01:00Z'));
    const open = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-10-10T12:00:00Z'),
      minutes: null,
    });
    await tickAt(clock.now());
    expect(await triggers('uptime')).toEqual([]);
    await h.tplus.db.prisma.incident.update({
      where: { id: open },
      data: { resolvedAt: new Date('2026-11-02T12:00:00Z') },
    });
    await tickAt(new Date('2026-11-02T12:05:00Z'));
    expect((await triggers('uptime')).map((t) => t.key)).toEqual(['uptime:acme:2026-10']);
  });

  it('fires an RCA trigger when an S1’s RCA deadline passes unmet, not at the due instant', async () => {
    const dueAt = new Date('2026-06-08T20:00:00Z');
    await start(new Date(dueAt.getTime() - 1));
    const id = await s1At(0);
    await h.tplus.db.prisma.followUpDeadline.create({
      data: { incidentId: id, kind: 'rca', customerId: 'acme', dueAt, isBusinessDays: true },
    });
    await tickAt(clock.now());
    await tickAt(new Date(dueAt.getTime() + 0));
    expect(await triggers('rca-late')).toEqual([]);
    await tickAt(new Date(dueAt.getTime() + 2 * MIN));
    expect((await triggers('rca-late')).map((t) => t.key)).toEqual([`rca-late:acme:${id}`]);
    expect(dmsTo(ACME_SUCCESS)[0]).toMatch(new RegExp(`RCA of S1 INC-${id} was due .* and is not delivered yet`));
  });

  it('fires an RCA trigger when the RCA was sent after its due time', async () => {
    const dueAt = new Date('2026-06-08T20:00:00Z');
    await start(new Date(dueAt.getTime() + DAY));
    const late = await s1At(0);
    const onTime = await s1At(1);
    await h.tplus.db.prisma.followUpDeadline.create({
      data: {
        incidentId: late,
        kind: 'rca',
        customerId: 'acme',
        dueAt,
        state: 'met',
        metAt: new Date(dueAt.getTime() + 1),
      },
    });
    await h.tplus.db.prisma.followUpDeadline.create({
      data: { incidentId: onTime, kind: 'rca', customerId: 'acme', dueAt, state: 'met', metAt: dueAt },
    });
    await tickAt(clock.now());
    const fired = await triggers('rca-late');
    expect(fired.map((t) => t.key)).toEqual([`rca-late:acme:${late}`]);
    expect(JSON.parse(fired[0]!.evidence)).toMatchObject({
      dueAt: dueAt.toISOString(),
      deliveredAt: new Date(dueAt.getTime() + 1).toISOString(),
    });
  });

  it('writes one error-budget line per resolved incident, with minutes and the share of the month’s budget', async () => {
    // 22.32 min on Acme's API in October: half of the 44.64 min a 31-day month allows at 99.9 %.
    await start(new Date('2026-10-20T12:00:00Z'));
    const id = await seedIncident(h.tplus.db.prisma, {
      customerId: 'acme',
      components: ['api'],
      startedAt: new Date('2026-10-12T12:00:00Z'),
      minutes: 22.32,
    });
    await tickAt(clock.now());
    await tickAt(new Date(clock.now().getTime() + 2 * MIN));
    const lines = await h.tplus.db.prisma.incidentEvent.findMany({ where: { incidentId: id, kind: 'error-budget' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('Error budget: acme 2026-10: 22.32 min, 50.0 % of 44.64 min.');
    expect(JSON.parse(lines[0]!.detail).shares).toEqual([
      expect.objectContaining({
        customerId: 'acme',
        month: '2026-10',
        minutes: expect.closeTo(22.32, 9) as number,
        percentOfBudget: expect.closeTo(50, 9) as number,
      }),
    ]);
  });
});
