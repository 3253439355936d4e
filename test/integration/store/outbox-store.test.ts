import { beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, tempDatabase } from '../../support/temp-database.ts';
import { createOutboxStore } from '../../../src/store/outbox-store.ts';
import { writeOutboxEffects } from '../../../src/store/write-outbox.ts';
import type { OutboxEffect, OutboxStore } from '../../../src/usecases/ports.ts';

const post = (key: string): OutboxEffect => ({
  kind: 'slack.post',
  key,
  channel: 'C1',
  message: { view: 'text', data: { text: key } },
});
const page = (key: string): OutboxEffect => ({
  kind: 'pagerduty.event',
  key,
  event: { action: 'acknowledge', dedupKey: `tplus-incident-${key}` },
});
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 11, 5, 10, minute, second));
const lease = (minute: number, second = 0) => ({ now: at(minute, second), until: at(minute, second + 15) });

describe.each(DATABASE_KINDS)('the outbox store’s delivery statements (raw SQL on the hot path), on %s', (kind) => {
  const t = tempDatabase('outbox-store', kind);
  let outbox: OutboxStore;
  beforeEach(async () => {
    outbox = createOutboxStore(t.db.prisma);
    await t.db.prisma.$transaction((tx) => writeOutboxEffects(tx, [post('a'), page('b'), post('c')], at(0)));
  });

  it('claims due rows oldest first up to the limit, skips kinds asked to, and never hands a leased row out twice', async () => {
    const first = await outbox.claimDue(at(1), 2, lease(1), { skipKinds: ['pagerduty.event'] });
    expect(first.map((i) => i.key)).toEqual(['a', 'c']);
    expect(first[0]).toMatchObject({ attempts: 0, isAmbiguous: false, createdAt: at(0), effect: post('a') });
    const second = await outbox.claimDue(at(1), 10, lease(1, 1));
    expect(second.map((i) => i.key)).toEqual(['b']);
    expect(await outbox.claimDue(at(1), 10, lease(1, 2))).toEqual([]);
  });

  it('hands out the longest-due rows first: a retry waits behind rows due before it', async () => {
    const [a] = await outbox.claimDue(at(1), 1, lease(1));
    await outbox.reschedule(a!, { error: 'HTTP 503', nextAttemptAt: at(2), isAmbiguous: false, isDead: false });
    await t.db.prisma.$transaction((tx) => writeOutboxEffects(tx, [post('d')], at(3)));
    expect((await outbox.claimDue(at(4), 2, lease(4))).map((i) => i.key)).toEqual(['b', 'c']);
    expect((await outbox.claimDue(at(4), 2, lease(4, 1))).map((i) => i.key)).toEqual(['a', 'd']);
  });

  it('does not claim a row before its next attempt is due: just before no, at the instant yes', async () => {
    const [item] = await outbox.claimDue(at(1), 1, lease(1));
    await outbox.reschedule(item!, { error: 'HTTP 503', nextAttemptAt: at(2), isAmbiguous: false, isDead: false });
    const keysAt = async (instant: Date) =>
      (await outbox.claimDue(instant, 10, { now: instant, until: new Date(instant.getTime() + 1) })).map((i) => i.key);
    expect(await keysAt(new Date(at(2).getTime() - 1))).not.toContain('a');
    expect(await keysAt(at(2))).toContain('a');
  });

  it('treats a row whose lease ran out without an outcome as possibly delivered, from then on', async () => {
    await outbox.claimDue(at(1), 1, lease(1));
    // Within the lease nobody else takes it; once it has run out, the next claim does, and is told.
    expect(await outbox.claimDue(at(1, 10), 1, lease(1, 10))).not.toContainEqual(expect.objectContaining({ key: 'a' }));
    const [taken] = await outbox.claimDue(at(1, 16), 1, lease(1, 16));
    expect(taken).toMatchObject({ key: 'a', isAmbiguous: true });
    // A plain failure afterwards does not clear the doubt.
    await outbox.reschedule(taken!, { error: 'HTTP 500', nextAttemptAt: at(2), isAmbiguous: false, isDead: false });
    const again = await outbox.claimDue(at(2), 10, lease(2));
    expect(again).toContainEqual(expect.objectContaining({ key: 'a', isAmbiguous: true, attempts: 1 }));
  });

  it('records a delivery with its result, and a dead item never comes back', async () => {
    const [a, , c] = await outbox.claimDue(at(1), 3, lease(1));
    await outbox.markDelivered(a!, { channel: 'C1', ts: '1.000100' }, at(1, 1));
    await outbox.reschedule(c!, {
      error: 'channel_not_found',
      nextAttemptAt: at(1, 2),
      isAmbiguous: false,
      isDead: true,
    });
    expect(await outbox.resultOf('a')).toEqual({ channel: 'C1', ts: '1.000100' });
    expect(await outbox.stateOf('c')).toBe('dead');
    const row = await t.db.prisma.outboxMessage.findUniqueOrThrow({ where: { key: 'c' } });
    expect(row).toMatchObject({ attempts: 1, lastError: 'channel_not_found', leaseUntil: null });
    expect((await outbox.claimDue(at(5), 10, lease(5))).map((i) => i.key)).toEqual(['b']);
  });

  it('a released row can be claimed again at once, without doubt', async () => {
    const [item] = await outbox.claimDue(at(1), 1, lease(1));
    await outbox.release(item!);
    expect(await outbox.claimDue(at(1), 1, lease(1, 1))).toEqual([
      expect.objectContaining({ key: 'a', isAmbiguous: false }),
    ]);
  });

  it('a row released until a later instant is not due before it', async () => {
    const [item] = await outbox.claimDue(at(1), 1, lease(1));
    await outbox.release(item!, at(3));
    expect((await outbox.claimDue(at(2), 10, lease(2))).map((i) => i.key)).not.toContain('a');
    expect((await outbox.claimDue(at(3), 10, lease(3))).map((i) => i.key)).toContain('a');
  });

  it('fences a claim by its token: once the row is taken over, the old holder can neither renew nor record', async () => {
    const [old] = await outbox.claimDue(at(1), 1, lease(1));
    // Renewing while the lease holds works; the lease then runs to the new end.
    expect(await outbox.renew(old!, lease(1, 5))).toBe(true);
    expect((await outbox.claimDue(at(1, 16), 10, lease(1, 16))).map((i) => i.key)).not.toContain('a');
    const [taken] = await outbox.claimDue(at(1, 21), 1, lease(1, 21));
    expect(taken).toMatchObject({ key: 'a', isAmbiguous: true });
    expect(await outbox.renew(old!, lease(1, 22))).toBe(false);
    expect(await outbox.markDelivered(old!, { channel: 'C1', ts: '9.000000' }, at(1, 22))).toBe(false);
    expect(
      await outbox.reschedule(old!, { error: 'late', nextAttemptAt: at(9), isAmbiguous: false, isDead: true }),
    ).toBe(false);
    await outbox.release(old!);
    expect(await outbox.stateOf('a')).toBe('pending');
    expect(await outbox.markDelivered(taken!, { channel: 'C1', ts: '1.000200' }, at(1, 23))).toBe(true);
    expect(await outbox.resultOf('a')).toEqual({ channel: 'C1', ts: '1.000200' });
  });
});
