import type { CreditClaim, PrismaClient } from '../generated/prisma/client.ts';
import type { CreditClaimRecord, CreditClaimStore } from '../usecases/contract-ports.ts';
import { Aborted, claimCause } from './claim-cause.ts';
import { writeOutboxEffects } from './write-outbox.ts';
import { isUniqueViolation } from './raw-sql.ts';

function toRecord(r: CreditClaim): CreditClaimRecord {
  return {
    id: r.id,
    customerId: r.customerId,
    incidentId: r.incidentId,
    month: r.month,
    requestedBy: r.requestedBy,
    requestedAt: r.requestedAt,
    uptimePercent: r.uptimePercent,
    creditPercent: r.creditPercent,
    creditAmount: r.creditAmount,
    currency: r.currency,
    note: r.note,
    channelId: r.channelId,
    state: r.state,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt,
    appliedCycle: r.appliedCycle,
  };
}

export function createCreditClaimStore(prisma: PrismaClient): CreditClaimStore {
  return {
    async find(customerId, incidentId) {
      const row = await prisma.creditClaim.findUnique({ where: { customerId_incidentId: { customerId, incidentId } } });
      return row ? toRecord(row) : undefined;
    },
    async get(id) {
      const row = await prisma.creditClaim.findUnique({ where: { id } });
      return row ? toRecord(row) : undefined;
    },
    async forMonth(customerId, month) {
      return (await prisma.creditClaim.findMany({ where: { customerId, month }, orderBy: { id: 'asc' } })).map(
        toRecord,
      );
    },
    async create(claim, { causeInboxId, effects }) {
      try {
        return await prisma.$transaction(async (tx) => {
          if (!(await claimCause(tx, { causeInboxId, at: claim.requestedAt }))) throw new Aborted();
          if (
            await tx.creditClaim.findUnique({
              where: { customerId_incidentId: { customerId: claim.customerId, incidentId: claim.incidentId } },
            })
          )
            throw new Aborted();
          const { id } = await tx.creditClaim.create({ data: { ...claim } });
          const rows = effects(id);
          await writeOutboxEffects(tx, rows, claim.requestedAt);
          return id;
        });
      } catch (error) {
        // A second submission for the same incident racing this one: the unique index keeps one.
        if (error instanceof Aborted || isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async decide({ id, state, by, at, appliedCycle, causeInboxId, effects, figures }) {
      try {
        return await prisma.$transaction(async (tx) => {
          if (!(await claimCause(tx, { causeInboxId, at }))) throw new Aborted();
          const { count } = await tx.creditClaim.updateMany({
            where: { id, state: 'pending' },
            data: { state, decidedBy: by, decidedAt: at, appliedCycle, ...figures },
          });
          if (count === 0) throw new Aborted();
          await writeOutboxEffects(tx, effects, at);
          return true;
        });
      } catch (error) {
        if (error instanceof Aborted) return false;
        throw error;
      }
    },
  };
}
