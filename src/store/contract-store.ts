import type { Incident as IncidentRow, PrismaClient } from '../generated/prisma/client.ts';
import type { ContractIncident, MaintenanceWindow } from '../domain/contract/index.ts';
import type { Severity } from '../domain/types.ts';
import type { ContractStore } from '../usecases/contract-ports.ts';
import { writeOutboxEffects } from './write-outbox.ts';
import { isUniqueViolation, query } from './raw-sql.ts';

const DAY = 86_400_000;
export const ERROR_BUDGET_EVENT = 'error-budget';

/** The columns the contract reads: never the frozen plan, a few kilobytes of JSON per incident. */
const CONTRACT_COLUMNS = {
  id: true,
  customerId: true,
  severity: true,
  title: true,
  components: true,
  startedAt: true,
  acknowledgedAt: true,
  resolvedAt: true,
  isUpstreamCause: true,
  upstreamProvider: true,
  isCustomerCaused: true,
} as const;

function toContractIncident(row: Pick<IncidentRow, keyof typeof CONTRACT_COLUMNS>): ContractIncident {
  return {
    id: row.id,
    customerId: row.customerId,
    severity: row.severity as Severity,
    title: row.title,
    components: JSON.parse(row.components) as string[],
    startedAt: row.startedAt,
    acknowledgedAt: row.acknowledgedAt,
    resolvedAt: row.resolvedAt,
    isUpstreamCause: row.isUpstreamCause,
    upstreamProvider: row.upstreamProvider,
    isCustomerCaused: row.isCustomerCaused,
  };
}

export function createContractStore(prisma: PrismaClient): ContractStore {
  const rcaOf = (r: { incidentId: number; customerId: string; dueAt: Date; metAt: Date | null }) => ({
    incidentId: r.incidentId,
    customerId: r.customerId,
    dueAt: r.dueAt,
    metAt: r.metAt,
  });
  return {
    async incidentsOverlapping(from, to, severity) {
      const rows = await prisma.incident.findMany({
        where: {
          startedAt: { lt: to },
          OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }],
          ...(severity ? { severity } : {}),
        },
        orderBy: { startedAt: 'asc' },
        select: CONTRACT_COLUMNS,
      });
      return rows.map(toContractIncident);
    },
    async incidentsStamp() {
      const [row] = await query<Record<string, unknown>>(
        prisma,
        `SELECT count(*) AS n, max("id") AS "lastId", sum("planVersion") AS plans, count("resolvedAt") AS resolved,
                max("resolvedAt") AS "lastResolved",
                (SELECT count(*) FROM "StatusIncident" WHERE "kind" = 'maintenance') AS maintenances,
                (SELECT max("updatedAt") FROM "StatusIncident" WHERE "kind" = 'maintenance') AS "lastMaintenance"
           FROM "Incident"`,
      );
      // Counts come back as BigInt from PostgreSQL and dates as Date: the stamp is only compared.
      return Object.values(row ?? {})
        .map((v) => (v instanceof Date ? v.toISOString() : String(v ?? '')))
        .join(':');
    },
    async incident(id) {
      const row = await prisma.incident.findUnique({ where: { id }, select: CONTRACT_COLUMNS });
      return row ? toContractIncident(row) : undefined;
    },
    async maintenances(from, to) {
      const rows = await prisma.statusIncident.findMany({
        where: { kind: 'maintenance', scheduledFor: { lt: to }, scheduledUntil: { gt: from } },
        orderBy: { scheduledFor: 'asc' },
      });
      return rows.map((r): MaintenanceWindow => ({
        id: r.id,
        from: r.scheduledFor as Date,
        to: r.scheduledUntil as Date,
        announcedAt: r.announcedAt,
        components: (JSON.parse(r.components) as { componentId: string }[]).map((c) => c.componentId),
      }));
    },
    async lateRcaCandidates(now, sentWithinDays) {
      const rows = await prisma.followUpDeadline.findMany({
        where: {
          kind: 'rca',
          incident: { severity: 'S1' },
          OR: [
            { state: 'open', dueAt: { lt: now } },
            { metAt: { gte: new Date(now.getTime() - sentWithinDays * DAY) } },
          ],
        },
        orderBy: { dueAt: 'asc' },
      });
      return rows.map(rcaOf);
    },
    async rcaDeadlines(customerId, incidentIds) {
      const rows = await prisma.followUpDeadline.findMany({
        where: { kind: 'rca', customerId, incidentId: { in: incidentIds } },
        orderBy: { dueAt: 'asc' },
      });
      return rows.map(rcaOf);
    },
    async ticketsFiled(customerId, from, to) {
      const rows = await prisma.ticket.findMany({
        where: { customerId, filedAt: { gte: from, lt: to } },
        orderBy: { filedAt: 'asc' },
        select: { id: true, severity: true, filedAt: true, firstResponseDueAt: true, firstResponseAt: true },
      });
      return rows.map((r) => ({ ...r, severity: r.severity as Severity }));
    },
    async triggersFired(customerId, from, to, alsoKeys = []) {
      const rows = await prisma.terminationTrigger.findMany({
        where: { customerId, OR: [{ firedAt: { gte: from, lt: to } }, { key: { in: alsoKeys } }] },
        orderBy: { firedAt: 'asc' },
      });
      return rows.map((r) => ({
        key: r.key,
        kind: r.kind,
        firedAt: r.firedAt,
        evidence: JSON.parse(r.evidence) as Record<string, unknown>,
      }));
    },
    async firedKeys(keys) {
      if (keys.length === 0) return new Set();
      return new Set(
        (await prisma.terminationTrigger.findMany({ where: { key: { in: keys } }, select: { key: true } })).map(
          (r) => r.key,
        ),
      );
    },
    async fireTrigger(trigger, effects) {
      try {
        await prisma.$transaction(async (tx) => {
          await tx.terminationTrigger.create({ data: { ...trigger, evidence: JSON.stringify(trigger.evidence) } });
          await writeOutboxEffects(tx, effects, trigger.firedAt);
        });
        return true;
      } catch (error) {
        // The unique key: it fired before (or another process fired it a moment ago).
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async resolvedWithoutBudgetLine(limit) {
      const rows = await prisma.incident.findMany({
        where: { resolvedAt: { not: null }, events: { none: { kind: ERROR_BUDGET_EVENT } } },
        orderBy: { resolvedAt: 'asc' },
        take: limit,
        select: CONTRACT_COLUMNS,
      });
      return rows.map(toContractIncident);
    },
    async addBudgetLine(incidentId, line) {
      // Read and write in one transaction: SQLite serialises writers, so a second sweep sees the line.
      return prisma.$transaction(async (tx) => {
        if ((await tx.incidentEvent.count({ where: { incidentId, kind: ERROR_BUDGET_EVENT } })) > 0) return false;
        await tx.incidentEvent.create({
          data: {
            incidentId,
            at: line.at,
            kind: ERROR_BUDGET_EVENT,
            actor: 'tplus',
            text: line.text,
            detail: JSON.stringify(line.detail),
          },
        });
        return true;
      });
    },
  };
}
