import type { PrismaClient, StatusSubscriber as Row } from '../generated/prisma/client.ts';
import type { StatusSubscriber, SubscriberState, SubscriberStore } from '../usecases/subscription-ports.ts';
import { writeOutboxEffects } from './write-outbox.ts';

export function toSubscriber(row: Row): StatusSubscriber {
  return {
    id: row.id,
    kind: row.kind as StatusSubscriber['kind'],
    address: row.address,
    components: JSON.parse(row.components) as string[],
    token: row.token,
    secret: row.secret,
    state: row.state as SubscriberState,
    failures: row.failures,
  };
}

/** The opt-in mail's key names the token it carries: a revived subscriber gets a new mail, a replay none. */
export const confirmationKey = (s: { id: number; token: string }) => `subscriber:${s.id}:confirm:${s.token}`;

export function createSubscriberStore({ prisma }: { prisma: PrismaClient }): SubscriberStore {
  const byToken = async (token: string) => prisma.statusSubscriber.findUnique({ where: { token } });
  return {
    async subscribe({ request, token, secret, at }) {
      return prisma.$transaction(async (tx) => {
        const where = { kind_address: { kind: request.kind, address: request.address } };
        const existing = await tx.statusSubscriber.findUnique({ where });
        if (existing && (existing.state === 'pending' || existing.state === 'active'))
          return {
            subscriber: toSubscriber(existing),
            outcome: existing.state === 'pending' ? ('already-pending' as const) : ('already-active' as const),
          };
        const state = request.kind === 'email' ? 'pending' : 'active';
        const data = {
          components: JSON.stringify(request.components),
          token,
          secret,
          state,
          createdAt: at,
          confirmedAt: state === 'active' ? at : null,
          endedAt: null,
          failures: 0,
          lastError: null,
        };
        const row = existing
          ? await tx.statusSubscriber.update({ where: { id: existing.id }, data })
          : await tx.statusSubscriber.create({ data: { kind: request.kind, address: request.address, ...data } });
        if (request.kind === 'email')
          await writeOutboxEffects(tx, [{ kind: 'email.send', key: confirmationKey(row), subscriberId: row.id }], at);
        return { subscriber: toSubscriber(row), outcome: 'created' as const };
      });
    },
    async confirm(token, at) {
      await prisma.statusSubscriber.updateMany({
        where: { token, state: 'pending' },
        data: { state: 'active', confirmedAt: at },
      });
      const row = await byToken(token);
      return row ? toSubscriber(row) : undefined;
    },
    async unsubscribe(token, at) {
      await prisma.statusSubscriber.updateMany({
        where: { token, state: { in: ['pending', 'active', 'disabled'] } },
        data: { state: 'unsubscribed', endedAt: at },
      });
      const row = await byToken(token);
      return row ? toSubscriber(row) : undefined;
    },
    async byToken(token) {
      const row = await byToken(token);
      return row ? toSubscriber(row) : undefined;
    },
    async get(id) {
      const row = await prisma.statusSubscriber.findUnique({ where: { id } });
      return row ? toSubscriber(row) : undefined;
    },
    async recordSuccess(id) {
      await prisma.statusSubscriber.updateMany({
        where: { id, failures: { gt: 0 } },
        data: { failures: 0, lastError: null },
      });
    },
    async recordFailure(id, { error, limit, at }) {
      const row = await prisma.statusSubscriber.update({
        where: { id },
        data: { failures: { increment: 1 }, lastError: error.slice(0, 500) },
      });
      if (row.failures < limit || row.state !== 'active') return row.state === 'disabled';
      await prisma.statusSubscriber.updateMany({
        where: { id, state: 'active' },
        data: { state: 'disabled', endedAt: at },
      });
      return true;
    },
  };
}
