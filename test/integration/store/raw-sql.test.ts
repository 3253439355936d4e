import { describe, expect, it } from 'vitest';
import type { Ticket as TicketRow } from '../../../src/generated/prisma/client.ts';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';
import { insertReturning, insertRows, query, updateWhere } from '../../../src/store/raw-sql.ts';

const filedAt = new Date('2026-11-01T05:30:00.250Z');
const ticket = (inboxKey: string, extra: Record<string, unknown> = {}) => ({
  inboxKey,
  customerId: 'acme',
  tier: 'standard',
  channelId: 'C1',
  threadTs: null,
  source: 'mention',
  reporterUserId: 'U1',
  reporterTeamId: 'T1',
  isFiledOnBehalf: true,
  summary: 'Exports fail',
  description: 'Exports fail with a 500',
  impact: null,
  component: null,
  proposedSeverity: null,
  severity: 'S2',
  classificationReason: 'model',
  classificationSignals: '[]',
  classifiedSeverity: 'S2',
  classificationConfidence: 0.75,
  filedAt,
  firstResponseDueAt: new Date('2026-11-02T13:30:00.000Z'),
  ...extra,
});

describe.each(DATABASE_KINDS)('raw statements on the hot paths, on %s', (kind) => {
  const t = tempDatabase('raw-sql', kind);

  it('an inserted row reads back exactly as Prisma reads it: dates, booleans, the columns’ defaults', async () => {
    const created = await insertReturning<TicketRow>(t.db.prisma, 'Ticket', ticket('k1'));
    const read = await t.db.prisma.ticket.findUniqueOrThrow({ where: { id: created.id } });
    expect(created).toEqual(read);
    expect(read).toMatchObject({ isFiledOnBehalf: true, isPossibleS1: false, status: 'open', impactAnswers: '{}' });
    expect(read.filedAt).toEqual(filedAt);
    // And what Prisma writes, a raw read compares equal to (the text form of dates is the same).
    const viaPrisma = await t.db.prisma.ticket.create({ data: ticket('k2') });
    const [raw] = await query<TicketRow>(
      t.db.prisma,
      'SELECT * FROM "Ticket" WHERE "filedAt" = ? AND "id" = ?',
      '2026-11-01T05:30:00.250+00:00',
      viaPrisma.id,
    );
    expect(raw).toEqual(viaPrisma);
  });

  it('inserts several rows in one statement, leaves undefined fields to their default, and refuses mixed shapes', async () => {
    await insertRows(t.db.prisma, 'Ticket', [ticket('a', { status: undefined }), ticket('b', { status: undefined })]);
    expect((await t.db.prisma.ticket.findMany({ orderBy: { id: 'asc' } })).map((t) => [t.inboxKey, t.status])).toEqual([
      ['a', 'open'],
      ['b', 'open'],
    ]);
    await expect(insertRows(t.db.prisma, 'Ticket', [ticket('c'), ticket('d', { status: 'open' })])).rejects.toThrow(
      'insert into Ticket: rows with different columns',
    );
    expect(await t.db.prisma.ticket.count()).toBe(2);
  });

  it('an update counts only the rows its condition matched, inside the caller’s transaction', async () => {
    const { id } = await insertReturning<TicketRow>(t.db.prisma, 'Ticket', ticket('k'));
    const set = { status: 'acknowledged', needsIncidentSync: false };
    expect(await updateWhere(t.db.prisma, 'Ticket', set, `id = ? AND status = 'open'`, id)).toBe(1);
    expect(await updateWhere(t.db.prisma, 'Ticket', set, `id = ? AND status = 'open'`, id)).toBe(0);
    await expect(
      t.db.prisma.$transaction(async (tx) => {
        await updateWhere(tx, 'Ticket', { status: 'resolved' }, 'id = ?', id);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await t.db.prisma.ticket.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: 'acknowledged',
      needsIncidentSync: false,
    });
  });
});
