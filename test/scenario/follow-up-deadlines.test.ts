import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../support/harness.ts';
import {
  ACME_SUCCESS,
  ENGINEERING_MANAGER,
  startFollowUpScenario,
  SUCCESS_MANAGER,
} from '../support/follow-up-scenario.ts';

const iso = (d: Date | null | undefined) => d?.toISOString();
const before = (at: string, ms = 1) => new Date(new Date(at).getTime() - ms);
const after = (at: string, ms = 1) => new Date(new Date(at).getTime() + ms);

describe('follow-up deadlines of an S1 resolved on Thursday 19 Nov 2026, 16:00 in New York', () => {
  let s: Awaited<ReturnType<typeof startFollowUpScenario>>;
  afterEach(async () => s.close());

  it('creates the deadlines: timeline Thu 20:00, post-mortem and executive summary Sat 16:00, RCA Fri 27 Nov 16:00 (Thanksgiving skipped)', async () => {
    s = await startFollowUpScenario();
    const rows = await s.h.tplus.db.prisma.followUpDeadline.findMany({
      where: { incidentId: s.incident.id },
      orderBy: [{ customerId: 'asc' }, { kind: 'asc' }],
    });
    expect(rows.map((r) => [r.kind, r.customerId, iso(r.dueAt), r.isBusinessDays, r.state])).toEqual([
      ['postmortem', '', '2026-11-21T21:00:00.000Z', false, 'open'],
      ['executive-summary', 'acme', '2026-11-21T21:00:00.000Z', false, 'open'],
      ['rca', 'acme', '2026-11-27T21:00:00.000Z', true, 'open'],
      ['timeline', 'acme', '2026-11-20T01:00:00.000Z', false, 'open'],
      // Globex uses the dashboard too; its RCA counts Berlin business days (no Thanksgiving there): Thu 26 Nov 17:00 in
      // Berlin.
      ['executive-summary', 'globex', '2026-11-21T21:00:00.000Z', false, 'open'],
      ['rca', 'globex', '2026-11-26T16:00:00.000Z', true, 'open'],
      ['timeline', 'globex', '2026-11-20T01:00:00.000Z', false, 'open'],
    ]);
    // Triage got the follow-up card with a Draft button per document.
    const card = s.h.emulator
      .messagesIn(ids.triage)
      .find((m) => m.metadata?.event_payload.key === `incident:${s.incident.id}:follow-ups`);
    expect(JSON.stringify(card?.blocks)).toContain(`tplus_document_draft:rca:acme`);
    // A second sweep plans nothing more.
    await s.at('2026-11-19T21:05:00.000Z');
    expect(await s.h.tplus.db.prisma.followUpDeadline.count()).toBe(7);
  });

  it('reminds the success owner of the RCA 24 business hours before (Mon 23 Nov 16:00), once, not a millisecond early', async () => {
    s = await startFollowUpScenario();
    const rca = (await s.reminders('rca', 'acme')).map((r) => [r.kind, iso(r.dueAt)]);
    expect(rca).toEqual([
      ['before-24h', '2026-11-23T21:00:00.000Z'],
      ['before-2h', '2026-11-27T19:00:00.000Z'],
      ['due', '2026-11-27T21:00:00.000Z'],
      ['overdue-1', '2026-11-30T21:00:00.000Z'],
    ]);
    const rcaDms = () =>
      s.dmsTo(ACME_SUCCESS).filter((t) => t.includes('root cause analysis') && t.includes('Acme Corp'));
    await s.at(before('2026-11-23T21:00:00.000Z'));
    expect(rcaDms()).toEqual([]);
    await s.at('2026-11-23T21:00:00.000Z');
    expect(rcaDms()).toHaveLength(1);
    expect(rcaDms()[0]).toContain('Fri 27 Nov 2026, 16:00 EST');
    expect(rcaDms()[0]).toContain('24 business hours left');
    await s.at(after('2026-11-23T21:00:00.000Z', 60_000));
    expect(rcaDms()).toHaveLength(1);
    await s.at(before('2026-11-27T19:00:00.000Z'));
    expect(rcaDms()).toHaveLength(1);
    await s.at('2026-11-27T19:00:00.000Z');
    expect(rcaDms()).toHaveLength(2);
    // The manager hears of missed deadlines only (the timeline was due Thursday), never of this RCA yet.
    expect(
      s.dmsTo(SUCCESS_MANAGER).filter((t) => t.includes('root cause analysis') && t.includes('Acme Corp')),
    ).toEqual([]);
    expect(
      s.dmsTo(SUCCESS_MANAGER).filter((t) => t.includes('incident timeline') && t.includes('Acme Corp')).length,
    ).toBeGreaterThan(0);
  });

  it('escalates an overdue RCA to the success manager at the due time, then daily (business days) while overdue', async () => {
    s = await startFollowUpScenario();
    const managerRca = () =>
      s.dmsTo(SUCCESS_MANAGER).filter((t) => t.includes('root cause analysis') && t.includes('Acme Corp'));
    await s.at(before('2026-11-27T21:00:00.000Z'));
    expect(managerRca()).toEqual([]);
    await s.at('2026-11-27T21:00:00.000Z');
    expect(managerRca()).toHaveLength(1);
    expect(managerRca()[0]).toContain('termination right');
    expect(managerRca()[0]).toContain(`<@${ACME_SUCCESS}>`);
    // Saturday and Sunday are not business days: the first overdue reminder is Monday 16:00.
    await s.at(before('2026-11-30T21:00:00.000Z'));
    expect(managerRca()).toHaveLength(1);
    await s.at('2026-11-30T21:00:00.000Z');
    expect(managerRca()).toHaveLength(2);
    const rows = await s.reminders('rca', 'acme');
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['before-24h', 'done'],
      ['before-2h', 'done'],
      ['due', 'done'],
      ['overdue-1', 'done'],
      ['overdue-2', 'pending'],
    ]);
    expect(iso(rows.at(-1)?.dueAt)).toBe('2026-12-01T21:00:00.000Z');
    await s.at('2026-12-01T21:00:00.000Z');
    expect(managerRca()).toHaveLength(3);
  });

  it('reminds whoever acknowledged of the post-mortem and escalates to the engineering manager once due', async () => {
    s = await startFollowUpScenario();
    const pm = (user: string) => s.dmsTo(user).filter((t) => t.includes('post-mortem'));
    await s.at(before('2026-11-21T21:00:00.000Z'));
    // 24 h and 2 h before (Friday 16:00, Saturday 14:00).
    expect(pm(ids.responder)).toHaveLength(2);
    expect(pm(ENGINEERING_MANAGER)).toEqual([]);
    await s.at('2026-11-21T21:00:00.000Z');
    expect(pm(ids.responder)).toHaveLength(3);
    expect(pm(ENGINEERING_MANAGER)).toHaveLength(1);
  });
});
