import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';
import { insertNumberedOutbox, writeOutboxEffects } from '../../../src/store/write-outbox.ts';
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

  it('inserts numbered rows of several subjects in one statement, each only where its condition holds', async () => {
    const at = new Date('2026-12-03T10:00:00.000Z');
    await t.db.prisma.$transaction((tx) => writeOutboxEffects(tx, [post('incident:1:summary', 'C1')], at));
    const edit = (incident: number) => ({
      prefix: `incident:${incident}:summary:edit:`,
      effect: {
        kind: 'slack.update' as const,
        key: '',
        target: { key: `incident:${incident}:summary` },
        message: { view: 'text' as const, data: { text: 'edit' } },
      },
      dependsOnKey: `incident:${incident}:summary`,
      at,
      condition: 'EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "key" = ?)',
      conditionValues: [`incident:${incident}:summary`],
    });
    // Incident 2 has no summary post: its edit is left out; the first and third go in.
    await t.db.prisma.$transaction(async (tx) => {
      await writeOutboxEffects(tx, [post('incident:3:summary', 'C3')], at);
      expect(await insertNumberedOutbox(tx, [edit(1), edit(2), edit(3)])).toBe(2);
    });
    const edits = await t.db.prisma.outboxMessage.findMany({
      where: { kind: 'slack.update' },
      orderBy: { key: 'asc' },
    });
    expect(edits.map((e) => [e.key.replace(/\d+$/, 'n'), e.dependsOnKey, e.nextAttemptAt, e.createdAt])).toEqual([
      ['incident:1:summary:edit:n', 'incident:1:summary', at, at],
      ['incident:3:summary:edit:n', 'incident:3:summary', at, at],
    ]);
    for (const e of edits) expect((JSON.parse(e.payload) as { key: string }).key).toBe(e.key);
    await expect(t.db.prisma.$transaction((tx) => insertNumberedOutbox(tx, [edit(1), edit(1)]))).rejects.toThrow(
      'one prefix twice in one statement',
    );
  });
});
