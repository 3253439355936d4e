import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TplusConfig } from '../../src/config/schema.ts';
import { manualClock } from '../../src/engine/clock.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { startFollowUpScenario } from '../support/follow-up-scenario.ts';
import { ids, startEmulator, startHarness, type Harness } from '../support/harness.ts';
import { mentionEvent } from '../support/payloads.ts';

const S3_TEXT =
  'Search by name finds nothing for three of our accounts. Searching by email works, so we are fine for now.';
const iso = (d: Date | null | undefined) => d?.toISOString();

/** Globex's Berlin calendar closed on Friday 4 Dec 2026. */
const closeFriday = (config: TplusConfig): TplusConfig => ({
  ...config,
  calendars: config.calendars.map((c) =>
    c.id === 'de-berlin' ? { ...c, dates: [...c.dates, { date: '2026-12-04', hours: [] }] } : c,
  ),
});

describe('a calendar or deadline setting changed between two starts', () => {
  let dir: string;
  let emulator: SlackEmulator;
  let running: Harness | undefined;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tplus-recompute-'));
    emulator = await startEmulator();
  });
  afterEach(async () => {
    await running?.close();
    running = undefined;
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async (clock: ReturnType<typeof manualClock>, configOverride?: (c: TplusConfig) => TplusConfig) => {
    running = await startHarness({ clock, dir, emulator, ...(configOverride ? { configOverride } : {}) });
    return running;
  };
  /** Stops the process as a restart does, keeping the database and the Slack emulator. */
  const stop = async (h: Harness) => {
    await h.tplus.stop();
    await h.pagerduty.close();
    running = undefined;
  };
  const file = async (h: Harness, text: string, customer: { channel: string; user: string; team: string }) => {
    expect((await h.send('event', mentionEvent({ text, ...customer, userTeam: customer.team }))).status).toBe(200);
    await h.settle();
    return h.tplus.db.prisma.ticket.findFirstOrThrow({ orderBy: { id: 'desc' } });
  };

  it('moves open tickets’ first-response due times, says so on their timeline, and leaves passed ones', async () => {
    const clock = manualClock(new Date('2026-12-01T09:00:00Z'));
    const first = await start(clock);
    // Tue 1 Dec 10:00 CET, S3 on the standard tier (one business day): due Wed 2 Dec 10:00 CET, passed by the restart.
    const passed = await file(first, S3_TEXT, ids.globex);
    expect(iso(passed.firstResponseDueAt)).toBe('2026-12-02T09:00:00.000Z');
    // Thu 3 Dec 10:00 CET: due Fri 4 Dec 10:00 CET.
    clock.set(new Date('2026-12-03T09:00:00Z'));
    const open = await file(first, S3_TEXT, ids.globex);
    expect(iso(open.firstResponseDueAt)).toBe('2026-12-04T09:00:00.000Z');
    // Acme's New York calendar does not change: its ticket is left alone.
    const other = await file(first, S3_TEXT, ids.acme);
    // Each ticket's incident starts on the engine's tick.
    await first.tplus.engine.tick();
    await stop(first);

    clock.set(new Date('2026-12-03T11:00:00Z'));
    const second = await start(clock, closeFriday);
    const prisma = second.tplus.db.prisma;
    const ticket = (id: number) => prisma.ticket.findUniqueOrThrow({ where: { id } });
    const timeline = (ticketId: number) =>
      prisma.timelineEntry.findMany({ where: { ticketId, kind: { startsWith: 'due-time.' } } });
    // Friday closed: one business day from Thu 10:00 is Mon 7 Dec 10:00 CET.
    expect(iso((await ticket(open.id)).firstResponseDueAt)).toBe('2026-12-07T09:00:00.000Z');
    const deadline = await prisma.deadline.findFirstOrThrow({ where: { ticketId: open.id, kind: 'first-response' } });
    expect(iso(deadline.dueAt)).toBe('2026-12-07T09:00:00.000Z');
    const entries = await timeline(open.id);
    expect(entries.map((e) => [e.kind, e.actor, iso(e.at)])).toEqual([
      ['due-time.moved', 'tplus', '2026-12-03T11:00:00.000Z'],
    ]);
    expect(JSON.parse(entries[0]!.detail)).toMatchObject({
      from: '2026-12-04T09:00:00.000Z',
      to: '2026-12-07T09:00:00.000Z',
      reasons: ['calendar de-berlin changed'],
      text: 'First-response due time moved from Fri 4 Dec 2026, 10:00 CET to Mon 7 Dec 2026, 10:00 CET: calendar de-berlin changed.',
    });
    // The incident's timeline (/tplus timeline) says so too.
    const incident = await prisma.incident.findUniqueOrThrow({ where: { ticketId: open.id } });
    expect(
      (await prisma.incidentEvent.findMany({ where: { incidentId: incident.id, kind: 'ticket.due-time-moved' } })).map(
        (e) => e.text,
      ),
    ).toEqual([
      'First-response due time moved from Fri 4 Dec 2026, 10:00 CET to Mon 7 Dec 2026, 10:00 CET: calendar de-berlin changed.',
    ]);
    // The passed deadline stays, and so does the ticket of a customer whose calendar did not change.
    expect(iso((await ticket(passed.id)).firstResponseDueAt)).toBe('2026-12-02T09:00:00.000Z');
    expect(iso((await ticket(other.id)).firstResponseDueAt)).toBe(iso(other.firstResponseDueAt));
    expect(await timeline(passed.id)).toEqual([]);
    expect(await timeline(other.id)).toEqual([]);
    const terms = await prisma.dueTimeTerms.findMany({ orderBy: { version: 'asc' } });
    expect(terms.map((t) => [t.version, JSON.parse(t.changes)])).toEqual([
      [1, []],
      [2, ['calendar de-berlin changed']],
    ]);
    await stop(second);

    // The same config again: nothing more moves or is recorded.
    clock.set(new Date('2026-12-03T11:30:00Z'));
    const third = await start(clock, closeFriday);
    expect(await third.tplus.db.prisma.dueTimeTerms.count()).toBe(2);
    expect(await third.tplus.db.prisma.timelineEntry.count({ where: { kind: { startsWith: 'due-time.' } } })).toBe(1);
  }, 60_000);

  it('moves open follow-up deadlines and their reminders when they count from the incident start instead', async () => {
    // Acme's S1 started Thu 19 Nov 14:10 EST and was resolved at 16:00; deadlines counted from the resolution.
    const s = await startFollowUpScenario(undefined, { dir, emulator });
    await stop(s.h);
    s.clock.set(new Date('2026-11-20T17:00:00Z'));
    const h = await start(s.clock, (c) => ({ ...c, documents: { ...c.documents, deadlinesFrom: 'incident-start' } }));
    const prisma = h.tplus.db.prisma;
    const due = async (kind: string, customerId: string) =>
      iso((await prisma.followUpDeadline.findFirstOrThrow({ where: { kind, customerId } })).dueAt);
    // Timeline T+4 h: Thu 20:00 (from the resolution) had passed at the restart and stays.
    expect(await due('timeline', 'acme')).toBe('2026-11-20T01:00:00.000Z');
    // T+48 h: Sat 14:10 EST instead of 16:00; the RCA 5 business days from Thu 14:10: Fri 27 Nov 14:10 EST.
    expect(await due('postmortem', '')).toBe('2026-11-21T19:10:00.000Z');
    expect(await due('executive-summary', 'acme')).toBe('2026-11-21T19:10:00.000Z');
    expect(await due('rca', 'acme')).toBe('2026-11-27T19:10:00.000Z');
    const rca = await prisma.followUpDeadline.findFirstOrThrow({ where: { kind: 'rca', customerId: 'acme' } });
    const reminders = await prisma.deadlineReminder.findMany({
      where: { deadlineId: rca.id },
      orderBy: { dueAt: 'asc' },
    });
    expect(reminders.map((r) => [r.kind, iso(r.dueAt), r.state])).toEqual([
      ['before-24h', '2026-11-23T19:10:00.000Z', 'pending'],
      ['before-2h', '2026-11-27T17:10:00.000Z', 'pending'],
      ['due', '2026-11-27T19:10:00.000Z', 'pending'],
      ['overdue-1', '2026-11-30T19:10:00.000Z', 'pending'],
    ]);
    const events = await prisma.incidentEvent.findMany({
      where: { incidentId: s.incident.id, kind: 'follow-up.due-time-moved' },
      orderBy: { id: 'asc' },
    });
    expect(events.map((e) => e.text)).toContain(
      'Root cause analysis for acme due time moved from Fri 27 Nov 2026, 16:00 EST to Fri 27 Nov 2026, 14:10 EST: documents.deadlinesFrom changed from resolution to incident-start.',
    );
    // Globex uses the dashboard too: its summary moves; its RCA does not (both 20:10 and 22:00 CET are after
    // hours in Berlin, so both count from Friday 09:00), and an unchanged due time is not news.
    expect(events.map((e) => e.text.split(' due time')[0]).sort()).toEqual([
      'Executive summary for acme',
      'Executive summary for globex',
      'Post-mortem',
      'Root cause analysis for acme',
    ]);
    expect(await due('rca', 'globex')).toBe('2026-11-26T16:00:00.000Z');
    expect(await prisma.incidentEvent.count({ where: { kind: 'follow-up.due-time-kept' } })).toBe(0);
  }, 60_000);
});
