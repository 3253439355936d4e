import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postgresExclusiveLock } from '../../../src/store/postgres/exclusive-lock.ts';
import { tempDatabase } from '../../support/temp-database.ts';
import { createTestDatabase } from '../../support/postgres-database.ts';
import type { NewInboxEntry } from '../../../src/usecases/ports.ts';

const entry = (dedupeKey: string): NewInboxEntry => ({
  source: 'slack',
  dedupeKey,
  kind: 'event',
  body: '{}',
  receivedAt: new Date('2026-12-05T10:00:00.000Z'),
  retryNum: 0,
});

describe('the once-a-minute lock on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const locks: ReturnType<typeof postgresExclusiveLock>[] = [];
  const lock = () => {
    const made = postgresExclusiveLock({ connectionString: database.url }, () => {});
    locks.push(made);
    return made;
  };
  beforeEach(async () => {
    database = await createTestDatabase('lock');
  });
  afterEach(async () => {
    for (const made of locks.splice(0)) await made.close();
    await database.drop();
  });

  it('is held by one replica at a time and handed over when the holder closes', async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.holds()).toBe(true);
    expect(await b.holds()).toBe(false);
    expect(await a.holds()).toBe(true);
    await a.close();
    expect(await b.holds()).toBe(true);
  });

  it('is lost with its session (the server ended it) and taken by another replica at its next ask', async () => {
    const [a, b] = [lock(), lock()];
    expect(await a.holds()).toBe(true);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND pid <> pg_backend_pid()`,
    );
    await admin.end();
    expect(await b.holds()).toBe(true);
    // The old holder finds out at its next ask, and does not hold it.
    expect(await a.holds()).toBe(false);
    expect(await a.holds()).toBe(false);
  });
});

describe('the intake insert on PostgreSQL', () => {
  const t = tempDatabase('inbox-append', 'postgresql');

  it('commits a turn’s requests in one statement: each gets its id, a repeated key is a duplicate, also within the batch', async () => {
    const first = await t.db.appendInbox(entry('ev-1'));
    const batch = await Promise.all([entry('ev-2'), entry('ev-1'), entry('ev-3'), entry('ev-3')].map(t.db.appendInbox));
    expect(first).toMatchObject({ isDuplicate: false, entry: { dedupeKey: 'ev-1', state: 'pending', attempts: 0 } });
    expect(batch.map((r) => r.isDuplicate)).toEqual([false, true, false, true]);
    const rows = await t.db.prisma.inboxEvent.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.dedupeKey)).toEqual(['ev-1', 'ev-2', 'ev-3']);
    const ids = [first, batch[0]!, batch[2]!].map((r) => (r.isDuplicate ? undefined : r.entry.id));
    expect(ids).toEqual(rows.map((r) => r.id));
    expect(rows[0]!.receivedAt).toEqual(new Date('2026-12-05T10:00:00.000Z'));
  });

  it('splits a turn of more than a thousand requests over statements, and loses none', async () => {
    const results = await Promise.all(Array.from({ length: 2_500 }, (_, i) => t.db.appendInbox(entry(`burst-${i}`))));
    expect(results.every((r) => !r.isDuplicate)).toBe(true);
    expect(await t.db.prisma.inboxEvent.count()).toBe(2_500);
  });
});
