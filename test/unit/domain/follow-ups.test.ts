import { describe, expect, it } from 'vitest';
import { buildBusinessCalendar } from '../../../src/domain/calendar/index.ts';
import {
  affectedCustomers,
  isPastDue,
  nextOverdueReminder,
  planFollowUps,
  planReminders,
  subtractBusinessMinutes,
} from '../../../src/domain/follow-ups/index.ts';

const usEast = buildBusinessCalendar({
  id: 'us-east',
  timeZone: 'America/New_York',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '17:00' },
  holidays: { country: 'US' },
});
const berlin = buildBusinessCalendar({
  id: 'de-berlin',
  timeZone: 'Europe/Berlin',
  workingDays: [1, 2, 3, 4, 5],
  workingHours: { start: '09:00', end: '17:00' },
  holidays: { country: 'DE', state: 'BE' },
});
const terms = {
  timelineHours: 4,
  postmortemHours: 48,
  executiveSummaryHours: 48,
  rcaBusinessDays: 5,
  deadlinesFrom: 'resolution',
  businessDay: 'hours',
} as const;
const customers = [
  { id: 'acme', components: ['api', 'dashboard'] },
  { id: 'globex', components: ['dashboard', 'exports'] },
  { id: 'initech', components: ['billing'] },
];
const calendarOf = (id: string) => (id === 'globex' ? berlin : usEast);
/** Thursday 19 Nov 2026, 16:00 in New York, after an incident that started at 10:00. */
const RESOLVED = new Date('2026-11-19T21:00:00Z');
const STARTED = new Date('2026-11-19T15:00:00Z');

describe('planFollowUps', () => {
  const plan = planFollowUps({
    incident: { severity: 'S1', customerId: 'acme', components: ['api'], startedAt: STARTED, resolvedAt: RESOLVED },
    customers,
    terms,
    severities: ['S1', 'S2'],
    calendarOf,
  });
  const due = (kind: string, customerId = 'acme') =>
    plan.find((p) => p.kind === kind && p.customerId === customerId)?.dueAt.toISOString();

  it('puts the timeline 4 h after resolution: Thursday 20:00 in New York', () => {
    expect(due('timeline')).toBe('2026-11-20T01:00:00.000Z');
  });
  it('puts the post-mortem (internal) and the executive summary 48 h after: Saturday 16:00', () => {
    expect(due('postmortem', '')).toBe('2026-11-21T21:00:00.000Z');
    expect(due('executive-summary')).toBe('2026-11-21T21:00:00.000Z');
  });
  it('puts the RCA on the fifth business day, skipping Thanksgiving: Friday 27 Nov 16:00', () => {
    expect(due('rca')).toBe('2026-11-27T21:00:00.000Z');
    expect(plan.find((p) => p.kind === 'rca')?.isBusinessDays).toBe(true);
  });
  it('counts the RCA of a Berlin customer in its own calendar (no Thanksgiving there)', () => {
    const shared = planFollowUps({
      incident: {
        severity: 'S2',
        customerId: null,
        components: ['dashboard'],
        startedAt: STARTED,
        resolvedAt: RESOLVED,
      },
      customers,
      terms,
      severities: ['S1', 'S2'],
      calendarOf,
    });
    // 22:00 in Berlin is after hours: five full days from Friday's opening end at Thursday 17:00.
    expect(shared.find((p) => p.kind === 'rca' && p.customerId === 'globex')?.dueAt.toISOString()).toBe(
      '2026-11-26T16:00:00.000Z',
    );
    expect(shared.filter((p) => p.kind === 'rca').map((p) => p.customerId)).toEqual(['acme', 'globex']);
  });
  it('creates nothing for severities outside the configured list', () => {
    expect(
      planFollowUps({
        incident: { severity: 'S3', customerId: 'acme', components: ['api'], startedAt: STARTED, resolvedAt: RESOLVED },
        customers,
        terms,
        severities: ['S1', 'S2'],
        calendarOf,
      }),
    ).toEqual([]);
  });
});

describe('planFollowUps counted from the incident start (documents.deadlinesFrom)', () => {
  const plan = (overrides: Partial<typeof terms> | { businessDay: 'next-day-same-time' }) =>
    planFollowUps({
      incident: { severity: 'S1', customerId: 'acme', components: ['api'], startedAt: STARTED, resolvedAt: RESOLVED },
      customers,
      terms: { ...terms, deadlinesFrom: 'incident-start', ...overrides },
      severities: ['S1', 'S2'],
      calendarOf,
    });
  const due = (p: ReturnType<typeof plan>, kind: string) => p.find((d) => d.kind === kind)?.dueAt.toISOString();

  it('reads T+4 h and T+48 h on the incident’s clock: timeline 14:00, summaries Sat 21 Nov 10:00', () => {
    const p = plan({});
    // T+4 h (14:00) had passed when it resolved at 16:00: planned as it is, already missed.
    expect(due(p, 'timeline')).toBe('2026-11-19T19:00:00.000Z');
    expect(due(p, 'postmortem')).toBe('2026-11-21T15:00:00.000Z');
    expect(due(p, 'executive-summary')).toBe('2026-11-21T15:00:00.000Z');
  });

  it('counts the RCA’s five business days from the start: Fri 27 Nov 10:00, Thanksgiving skipped', () => {
    expect(due(plan({}), 'rca')).toBe('2026-11-27T15:00:00.000Z');
    expect(due(plan({ businessDay: 'next-day-same-time' }), 'rca')).toBe('2026-11-27T15:00:00.000Z');
  });

  it('differs between the business-day definitions when the start is out of hours', () => {
    // Started Sat 21 Nov 02:00 EST, resolved at 04:00; an RCA owed one business day from the start.
    const rcaDue = (businessDay: 'hours' | 'next-day-same-time') =>
      planFollowUps({
        incident: {
          severity: 'S1',
          customerId: 'acme',
          components: [],
          startedAt: new Date('2026-11-21T07:00:00Z'),
          resolvedAt: new Date('2026-11-21T09:00:00Z'),
        },
        customers,
        terms: { ...terms, deadlinesFrom: 'incident-start', rcaBusinessDays: 1, businessDay },
        severities: ['S1'],
        calendarOf,
      })
        .find((d) => d.kind === 'rca')
        ?.dueAt.toISOString();
    // hours: from Mon 09:00, 8 business hours → Mon 23 Nov 17:00; next-day-same-time: Tue 24 Nov 09:00.
    expect(rcaDue('hours')).toBe('2026-11-23T22:00:00.000Z');
    expect(rcaDue('next-day-same-time')).toBe('2026-11-24T14:00:00.000Z');
  });
});

describe('affectedCustomers', () => {
  it('takes the reporting customer and those whose components intersect', () => {
    expect(affectedCustomers({ customerId: 'initech', components: ['exports'] }, customers).map((c) => c.id)).toEqual([
      'globex',
      'initech',
    ]);
    expect(affectedCustomers({ customerId: null, components: [] }, customers)).toEqual([]);
  });
});

describe('subtractBusinessMinutes', () => {
  it.each([
    ['2 business hours before Friday 10:00 is Thursday 16:00', '2026-11-20T15:00:00Z', 120, '2026-11-19T21:00:00Z'],
    ['1 business hour before Monday 09:30 is Friday 16:30', '2026-11-23T14:30:00Z', 60, '2026-11-20T21:30:00Z'],
    [
      '24 business hours before Friday 27 Nov 16:00 skip Thanksgiving: Monday 23 Nov 16:00',
      '2026-11-27T21:00:00Z',
      24 * 60,
      '2026-11-23T21:00:00Z',
    ],
    ['0 minutes is the instant itself', '2026-11-27T21:00:00Z', 0, '2026-11-27T21:00:00Z'],
  ])('%s', (_name, to, minutes, expected) => {
    expect(subtractBusinessMinutes(usEast, new Date(to), minutes).toISOString()).toBe(new Date(expected).toISOString());
  });
});

describe('planReminders', () => {
  it('reminds of a business-day RCA 24 and 2 business hours before, at the due time and one business day late', () => {
    const rca = new Date('2026-11-27T21:00:00Z');
    expect(
      planReminders({ dueAt: rca, calendar: usEast, now: RESOLVED }).map((r) => [r.kind, r.dueAt.toISOString()]),
    ).toEqual([
      ['before-24h', '2026-11-23T21:00:00.000Z'],
      ['before-2h', '2026-11-27T19:00:00.000Z'],
      ['due', '2026-11-27T21:00:00.000Z'],
      ['overdue-1', '2026-11-30T21:00:00.000Z'],
    ]);
  });
  it('leaves out reminders already past: a timeline due in 4 h gets no 24 h reminder', () => {
    const timeline = new Date('2026-11-20T01:00:00Z');
    expect(planReminders({ dueAt: timeline, now: RESOLVED }).map((r) => [r.kind, r.dueAt.toISOString()])).toEqual([
      ['before-2h', '2026-11-19T23:00:00.000Z'],
      ['due', '2026-11-20T01:00:00.000Z'],
      ['overdue-1', '2026-11-21T01:00:00.000Z'],
    ]);
  });
  it('leaves out a reminder due exactly now, keeps one a millisecond later', () => {
    const dueAt = new Date('2026-11-21T21:00:00Z');
    expect(planReminders({ dueAt, now: new Date(dueAt.getTime() - 2 * 3_600_000) }).map((r) => r.kind)).toEqual([
      'due',
      'overdue-1',
    ]);
    expect(planReminders({ dueAt, now: new Date(dueAt.getTime() - 2 * 3_600_000 - 1) }).map((r) => r.kind)).toEqual([
      'before-2h',
      'due',
      'overdue-1',
    ]);
  });
  it('spaces overdue reminders a day apart (business days for business-day deadlines)', () => {
    const dueAt = new Date('2026-11-21T21:00:00Z');
    expect(nextOverdueReminder({ dueAt, n: 3 })).toEqual({
      kind: 'overdue-3',
      dueAt: new Date('2026-11-24T21:00:00Z'),
    });
    expect(
      nextOverdueReminder({ dueAt: new Date('2026-11-27T21:00:00Z'), calendar: usEast, n: 2 }).dueAt.toISOString(),
    ).toBe('2026-12-01T21:00:00.000Z');
  });
  it('treats the due reminder and later ones as past due', () => {
    expect(['before-24h', 'before-2h', 'due', 'overdue-1', 'overdue-12'].map(isPastDue)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});
