import { describe, expect, it } from 'vitest';
import { buildBusinessCalendar } from '../../../src/domain/calendar/index.ts';
import type { DueTimeTerms } from '../../../src/domain/due-times/index.ts';
import { manualClock } from '../../../src/engine/clock.ts';
import type {
  DueTimeStore,
  OpenFollowUpDue,
  OpenTicketDue,
  TicketDueChange,
} from '../../../src/usecases/due-time-ports.ts';
import { recomputeDueTimes } from '../../../src/usecases/recompute-due-times.ts';
import { DE_BERLIN } from '../domain/calendar/calendars.ts';

/** An in-memory DueTimeStore: what a start recorded, and the changes it was asked to apply. */
function fakeStore(tickets: OpenTicketDue[], followUps: OpenFollowUpDue[] = []) {
  const versions: { version: number; content: string; changes: string[] }[] = [];
  const applied: TicketDueChange[] = [];
  let isRaceLost = false;
  const store: DueTimeStore = {
    latestTerms: async () => versions.at(-1),
    openTickets: async () => tickets,
    openFollowUps: async () => followUps,
    async recordTerms(terms, changes) {
      if (isRaceLost || versions.some((v) => v.version === terms.version)) return false;
      versions.push(terms);
      applied.push(...changes.tickets);
      return true;
    },
  };
  return { store, versions, applied, loseNextRace: () => (isRaceLost = true) };
}

const closedFriday = { ...DE_BERLIN, dates: [{ date: '2026-12-04', hours: [] }] };
const termsWith = (calendar: typeof DE_BERLIN): DueTimeTerms => ({
  calendars: { 'de-berlin': calendar },
  customerCalendars: { globex: 'de-berlin' },
  businessDay: 'hours',
  deadlinesFrom: 'incident-start',
  followUps: { timelineHours: 4, postmortemHours: 48, executiveSummaryHours: 48, rcaBusinessDays: 5 },
});
const policyWith = (calendar: typeof DE_BERLIN) => ({
  customers: [{ id: 'globex', components: [], calendar: buildBusinessCalendar(calendar) }],
  terms: { ...termsWith(calendar).followUps, businessDay: 'hours' as const, deadlinesFrom: 'incident-start' as const },
  internalTimeZone: 'UTC',
});
/** A Globex S3 (standard: one business day) filed at `filedAt`, due as first computed. */
const s3 = (id: number, filedAt: string, dueAt: string): OpenTicketDue => ({
  id,
  customerId: 'globex',
  tier: 'standard',
  severity: 'S3',
  filedAt: new Date(filedAt),
  firstResponseDueAt: new Date(dueAt),
});

describe('recomputeDueTimes', () => {
  const clock = manualClock(new Date('2026-12-03T11:00:00Z'));
  const run = (f: ReturnType<typeof fakeStore>, calendar: typeof DE_BERLIN) =>
    recomputeDueTimes({ store: f.store, terms: termsWith(calendar), policy: policyWith(calendar), clock });

  it('only records the terms on the first start, and does nothing while they stay the same', async () => {
    const f = fakeStore([s3(1, '2026-12-03T09:00:00Z', '2026-12-04T09:00:00Z')]);
    expect(await run(f, DE_BERLIN)).toEqual({ version: 1, changes: [], moved: 0, kept: 0 });
    expect(await run(f, DE_BERLIN)).toBeUndefined();
    expect(f.versions).toHaveLength(1);
    expect(f.applied).toEqual([]);
  });

  it('moves an open due time, keeps one the new terms would put in the past, and leaves a passed one', async () => {
    const f = fakeStore([
      // Thu 10:00 CET → Fri 10:00; with Friday closed, Mon 7 Dec 10:00.
      s3(1, '2026-12-03T09:00:00Z', '2026-12-04T09:00:00Z'),
      // Passed before the restart (Wed 2 Dec 10:00).
      s3(2, '2026-12-01T09:00:00Z', '2026-12-02T09:00:00Z'),
      // Recorded later than the new terms give (Wed 2 Dec 10:00, already past): stays.
      s3(3, '2026-12-01T09:00:00Z', '2026-12-04T16:00:00Z'),
    ]);
    await run(f, DE_BERLIN);
    expect(await run(f, closedFriday)).toEqual({
      version: 2,
      changes: ['calendar de-berlin changed'],
      moved: 1,
      kept: 1,
    });
    expect(f.applied.map((c) => [c.ticketId, c.isMoved, c.to.toISOString(), c.text])).toEqual([
      [
        1,
        true,
        '2026-12-07T09:00:00.000Z',
        'First-response due time moved from Fri 4 Dec 2026, 10:00 CET to Mon 7 Dec 2026, 10:00 CET: calendar de-berlin changed.',
      ],
      [
        3,
        false,
        '2026-12-02T09:00:00.000Z',
        'First-response due time stays Fri 4 Dec 2026, 17:00 CET: the new terms (calendar de-berlin changed) would put it at Wed 2 Dec 2026, 10:00 CET, already past.',
      ],
    ]);
  });

  it('leaves the recompute to the process that recorded the new version first', async () => {
    const f = fakeStore([s3(1, '2026-12-03T09:00:00Z', '2026-12-04T09:00:00Z')]);
    await run(f, DE_BERLIN);
    f.loseNextRace();
    expect(await run(f, closedFriday)).toBeUndefined();
    expect(f.applied).toEqual([]);
  });
});
