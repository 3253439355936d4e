import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';
import { writeOutboxEffects } from '../../../src/store/write-outbox.ts';
import type { OutboxEffect } from '../../../src/usecases/ports.ts';

const post = (key: string, channel: string, threadOf?: string): OutboxEffect => ({
  kind: 'slack.post',
  key,
  channel,
  message: { view: 'text', data: { text: `to ${channel}` } },
  ...(threadOf ? { threadOf: { key: threadOf } } : {}),
});

describe.each(DATABASE_KINDS)('writing outbox effects in the caller’s transaction, on %s', (kind) => {
  const t = tempDatabase('outbox', kind);

  it('writes every field of each effect, and keeps the first of a key decided twice, in the list or already stored', async () => {
    const first = new Date('2026-12-03T10:00:00.000Z');
    const later = new Date('2026-12-03T10:05:00.000Z');
    await t.db.prisma.$transaction((tx) =>
      writeOutboxEffects(tx, [post('a', 'C1'), post('b', 'C2', 'a'), post('a', 'C9')], first),
    );
    await t.db.prisma.$transaction((tx) => writeOutboxEffects(tx, [post('b', 'C8'), post('c', 'C3')], later));
    const rows = await t.db.prisma.outboxMessage.findMany({
      orderBy: { id: 'asc' },
      select: {
        key: true,
        kind: true,
        payload: true,
        dependsOnKey: true,
        state: true,
        nextAttemptAt: true,
        createdAt: true,
      },
    });
    expect(rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as OutboxEffect }))).toEqual([
      {
        key: 'a',
        kind: 'slack.post',
        payload: post('a', 'C1'),
        dependsOnKey: null,
        state: 'pending',
        nextAttemptAt: first,
        createdAt: first,
      },
      {
        key: 'b',
        kind: 'slack.post',
        payload: post('b', 'C2', 'a'),
        dependsOnKey: 'a',
        state: 'pending',
        nextAttemptAt: first,
        createdAt: first,
      },
      {
        key: 'c',
        kind: 'slack.post',
        payload: post('c', 'C3'),
        dependsOnKey: null,
        state: 'pending',
        nextAttemptAt: later,
        createdAt: later,
      },
    ]);
  });
});
