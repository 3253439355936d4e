import type { PrismaClient } from '../generated/prisma/client.ts';
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
      await prisma.outboxMessage.updateMany({ where: { id, state: 'pending' }, data: { leaseUntil: null } });
    },
    async claimDue(now, limit, { now: leaseNow, until: leaseUntil }, { skipKinds = [] } = {}) {
      const candidates = await prisma.outboxMessage.findMany({
        where: {
          state: 'pending',
          nextAttemptAt: { lte: now },
          OR: [{ leaseUntil: null }, { leaseUntil: { lt: leaseNow } }],
          ...(skipKinds.length > 0 ? { kind: { notIn: [...skipKinds] } } : {}),
        },
        orderBy: { id: 'asc' },
        take: limit,
      });
      if (candidates.length === 0) return [];
      // The lease is one conditional update for the batch: a row another dispatcher (or process)
      // leased in between is not returned, so it is not ours.
      const leased = await prisma.$queryRawUnsafe<{ id: number | bigint }[]>(
        `UPDATE OutboxMessage SET leaseUntil = ? WHERE id IN (SELECT value FROM json_each(?)) AND state = 'pending' AND (leaseUntil IS NULL OR leaseUntil < ?) RETURNING id`,
        toDbDate(leaseUntil),
        JSON.stringify(candidates.map((row) => row.id)),
        toDbDate(leaseNow),
      );
      const ours = new Set(leased.map((row) => Number(row.id)));
      return candidates
        .filter((row) => ours.has(row.id))
        .map((row) => ({
          id: row.id,
          key: row.key,
          effect: JSON.parse(row.payload) as OutboxEffect,
          attempts: row.attempts,
          createdAt: row.createdAt,
          // A lease that ran out without an outcome means a dispatcher died mid-call: the effect may have happened.
          isAmbiguous: row.isAmbiguous || row.leaseUntil !== null,
        }));
    },
    async resultOf(key) {
      const row = await prisma.outboxMessage.findUnique({ where: { key }, select: { state: true, result: true } });
      if (row?.state !== 'delivered' || row.result === null) return undefined;
      return JSON.parse(row.result) as { channel: string; ts: string };
    },
    async markDelivered(id, result, at) {
      await prisma.outboxMessage.update({
        where: { id },
        data: {
          state: 'delivered',
          deliveredAt: at,
          leaseUntil: null,
          result: result ? JSON.stringify(result) : null,
          attempts: { increment: 1 },
        },
      });
    },
    async reschedule(id, { error, nextAttemptAt, isAmbiguous, isDead }) {
      await prisma.outboxMessage.update({
        where: { id },
        data: {
          attempts: { increment: 1 },
          lastError: error.slice(0, 2000),
          nextAttemptAt,
          leaseUntil: null,
          ...(isAmbiguous ? { isAmbiguous: true } : {}),
          ...(isDead ? { state: 'dead' } : {}),
        },
      });
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
