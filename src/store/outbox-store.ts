import type { OutboxMessage, PrismaClient } from '../generated/prisma/client.ts';
import type { OutboxEffect, OutboxStore } from '../usecases/ports.ts';
import { toDbDate } from './db-date.ts';

export function createOutboxStore(prisma: PrismaClient): OutboxStore {
  return {
    async exists(key) {
      return (await prisma.outboxMessage.count({ where: { key } })) > 0;
    },
    async stateOf(key) {
      const row = await prisma.outboxMessage.findUnique({ where: { key }, select: { state: true } });
      return row?.state as 'pending' | 'delivered' | 'dead' | undefined;
    },
    async stuck(createdBefore) {
      const rows = await prisma.outboxMessage.findMany({
        where: { state: 'pending', createdAt: { lt: createdBefore } },
        orderBy: { id: 'asc' },
        take: 500,
      });
      return rows.map((row) => ({
        id: row.id,
        key: row.key,
        effect: JSON.parse(row.payload) as OutboxEffect,
        attempts: row.attempts,
        isAmbiguous: row.isAmbiguous,
        createdAt: row.createdAt,
      }));
    },
    async retryNow(id, now) {
      await prisma.outboxMessage.updateMany({
        where: { id, state: 'pending', nextAttemptAt: { gt: now } },
        data: { nextAttemptAt: now },
      });
    },
    async release(id) {
      await prisma.$executeRawUnsafe(
        `UPDATE OutboxMessage SET leaseUntil = NULL WHERE id = ? AND state = 'pending'`,
        id,
      );
    },
    async claimDue(now, limit, { now: leaseNow, until: leaseUntil }, { skipKinds = [] } = {}) {
      // One statement picks the due rows and leases them: a row another dispatcher (or process)
      // leased in between is not picked, so it is not ours. Raw SQL: this runs for every
      // delivery, and a Prisma query costs about 4x a raw one (see bench:engine).
      const skip = skipKinds.length > 0 ? `AND kind NOT IN (SELECT value FROM json_each(?))` : '';
      const rows = await prisma.$queryRawUnsafe<OutboxMessage[]>(
        `UPDATE OutboxMessage SET leaseUntil = ?, isAmbiguous = (isAmbiguous OR leaseUntil IS NOT NULL) WHERE id IN (
           SELECT id FROM OutboxMessage
           WHERE state = 'pending' AND nextAttemptAt <= ? AND (leaseUntil IS NULL OR leaseUntil < ?) ${skip}
           ORDER BY id LIMIT ?)
         RETURNING *`,
        toDbDate(leaseUntil),
        toDbDate(now),
        toDbDate(leaseNow),
        ...(skip ? [JSON.stringify(skipKinds)] : []),
        limit,
      );
      return rows
        .sort((a, b) => a.id - b.id)
        .map((row) => ({
          id: row.id,
          key: row.key,
          effect: JSON.parse(row.payload) as OutboxEffect,
          attempts: row.attempts,
          createdAt: row.createdAt,
          // A lease that ran out without an outcome means a dispatcher died mid-call: the effect
          // may have happened, and the row says so from now on (the statement sets it).
          isAmbiguous: row.isAmbiguous,
        }));
    },
    async resultOf(key) {
      const row = await prisma.outboxMessage.findUnique({ where: { key }, select: { state: true, result: true } });
      if (row?.state !== 'delivered' || row.result === null) return undefined;
      return JSON.parse(row.result) as { channel: string; ts: string };
    },
    async markDelivered(id, result, at) {
      await prisma.$executeRawUnsafe(
        `UPDATE OutboxMessage SET state = 'delivered', deliveredAt = ?, leaseUntil = NULL, result = ?, attempts = attempts + 1
         WHERE id = ?`,
        toDbDate(at),
        result ? JSON.stringify(result) : null,
        id,
      );
    },
    async reschedule(id, { error, nextAttemptAt, isAmbiguous, isDead }) {
      await prisma.$executeRawUnsafe(
        `UPDATE OutboxMessage SET attempts = attempts + 1, lastError = ?, nextAttemptAt = ?, leaseUntil = NULL,
           isAmbiguous = (isAmbiguous OR ?), state = CASE WHEN ? THEN 'dead' ELSE state END
         WHERE id = ?`,
        error.slice(0, 2000),
        toDbDate(nextAttemptAt),
        isAmbiguous ? 1 : 0,
        isDead ? 1 : 0,
        id,
      );
    },
    async nextDueAt() {
      const row = await prisma.outboxMessage.findFirst({
        where: { state: 'pending' },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return row?.nextAttemptAt;
    },
    async counts() {
      const groups = await prisma.outboxMessage.groupBy({ by: ['state'], _count: { _all: true } });
      return Object.fromEntries(groups.map((g) => [g.state, g._count._all]));
    },
  };
}
