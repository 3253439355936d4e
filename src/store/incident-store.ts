import type { Incident as IncidentRow, PrismaClient } from '../generated/prisma/client.ts';
import { insertReturning, insertRows, isUniqueViolation, query } from './raw-sql.ts';
import type { IncidentConsequences, IncidentStore } from '../usecases/incident-ports.ts';
import { toIncident, toStepRow } from './incident-mapper.ts';
import { toTicket } from './ticket-mapper.ts';
import { applyClaimed } from './write-outbox.ts';
import { Aborted, claimCause } from './claim-cause.ts';
import { clearSyncFlag, writeConsequences, type Tx } from './incident-consequences.ts';
import { completeSteps } from './step-batch.ts';
import { createIncidentRoleStore } from './incident-role-store.ts';

export function createIncidentStore(prisma: PrismaClient): IncidentStore {
  const apply = (incidentId: number, consequences: IncidentConsequences, change: (tx: Tx) => Promise<boolean>) =>
    applyClaimed(prisma, consequences, change, (tx) => writeConsequences(tx, incidentId, consequences));

  const scheduleRows = (
    incidentId: number,
    planVersion: number,
    steps: { stepId: string; dueAt: Date | undefined }[],
  ) =>
    steps.map((s) => ({
      incidentId,
      planVersion,
      stepId: s.stepId,
      dueAt: s.dueAt ?? null,
      state: s.dueAt ? 'pending' : 'waiting',
    }));

  /** Steps waiting for an anchor (the ack, the resolution) get their due time. */
  async function activate(tx: Tx, incidentId: number, dues: { stepId: string; dueAt: Date }[]): Promise<void> {
    for (const d of dues) {
      await tx.incidentStep.updateMany({
        where: { incidentId, stepId: d.stepId, state: 'waiting' },
        data: { state: 'pending', dueAt: d.dueAt },
      });
    }
  }

  return {
    ...createIncidentRoleStore(prisma),
    async ticketsToSync(limit) {
      const rows = await prisma.ticket.findMany({
        where: { needsIncidentSync: true },
        orderBy: { id: 'asc' },
        take: limit,
        include: { incident: true },
      });
      return rows.map((row) => ({
        ticket: toTicket(row),
        incident: row.incident ? toIncident(row.incident) : undefined,
      }));
    },
    async markSynced(ticket) {
      await clearSyncFlag(prisma, ticket);
    },
    async start(incident, steps, consequencesFor) {
      try {
        return await prisma.$transaction(async (tx) => {
          if (
            incident.ticketId !== null &&
            (await query(tx, 'SELECT "id" FROM "Incident" WHERE "ticketId" = ?', incident.ticketId)).length > 0
          )
            return undefined;
          const row = await insertReturning<IncidentRow>(tx, 'Incident', {
            ticketId: incident.ticketId,
            source: incident.source,
            customerId: incident.customerId,
            severity: incident.severity,
            title: incident.title,
            components: JSON.stringify(incident.components),
            startedAt: incident.startedAt,
            alertFingerprint: incident.alertFingerprint,
            plan: JSON.stringify(incident.plan),
          });
          await insertRows(tx, 'IncidentStep', scheduleRows(row.id, 1, steps));
          const created = toIncident(row);
          const consequences = consequencesFor(created);
          if (!(await claimCause(tx, consequences))) throw new Aborted();
          await writeConsequences(tx, row.id, consequences);
          return created;
        });
      } catch (error) {
        if (error instanceof Aborted) return undefined;
        // Two processes starting the same ticket's incident: the unique ticketId lets one win.
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },
    async get(id) {
      const row = await prisma.incident.findUnique({ where: { id } });
      return row ? toIncident(row) : undefined;
    },
    async byTicket(ticketId) {
      const row = await prisma.incident.findUnique({ where: { ticketId } });
      return row ? toIncident(row) : undefined;
    },
    async openByFingerprint(fingerprint) {
      const row = await prisma.incident.findFirst({
        where: { alertFingerprint: fingerprint, resolvedAt: null },
        orderBy: { id: 'desc' },
      });
      return row ? toIncident(row) : undefined;
    },
    async steps(incidentId) {
      const rows = await prisma.incidentStep.findMany({
        where: { incidentId },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toStepRow);
    },
    async stepContexts(incidentIds) {
      const rows = await prisma.incident.findMany({
        where: { id: { in: [...new Set(incidentIds)] } },
        include: { ticket: true, steps: { where: { state: 'done' }, select: { stepId: true } } },
      });
      return new Map(
        rows.map((row) => [
          row.id,
          {
            incident: toIncident(row),
            ticket: row.ticket ? toTicket(row.ticket) : undefined,
            ranSteps: new Set(row.steps.map((s) => s.stepId)),
          },
        ]),
      );
    },
    acknowledge({ incidentId, by, at, anchoredDues, alsoTicket }, consequences) {
      return apply(incidentId, consequences, async (tx) => {
        const { count } = await tx.incident.updateMany({
          where: { id: incidentId, acknowledgedAt: null, resolvedAt: null },
          data: { acknowledgedAt: at, acknowledgedBy: by },
        });
        if (count === 0) return false;
        await activate(tx, incidentId, anchoredDues);
        if (alsoTicket) {
          const incident = await tx.incident.findUniqueOrThrow({
            where: { id: incidentId },
            select: { ticketId: true },
          });
          if (incident.ticketId !== null) {
            await tx.ticket.updateMany({
              where: { id: incident.ticketId, firstResponseAt: null },
              data: { firstResponseAt: at, firstResponseBy: by },
            });
            await tx.ticket.updateMany({
              where: { id: incident.ticketId, status: 'open' },
              data: { status: 'acknowledged' },
            });
            await tx.deadline.updateMany({
              where: { ticketId: incident.ticketId, kind: 'first-response', state: 'pending' },
              data: { state: 'met', settledAt: at },
            });
          }
        }
        return true;
      });
    },
    resolve(
      { incidentId, by, at, summary, isUpstreamCause, isCustomerCaused, upstreamProvider, anchoredDues },
      consequences,
    ) {
      return apply(incidentId, consequences, async (tx) => {
        const { count } = await tx.incident.updateMany({
          where: { id: incidentId, resolvedAt: null },
          data: {
            resolvedAt: at,
            resolvedBy: by,
            resolutionSummary: summary,
            isUpstreamCause,
            isCustomerCaused,
            upstreamProvider,
          },
        });
        if (count === 0) return false;
        await tx.incidentStep.updateMany({
          where: { incidentId, state: 'pending', NOT: { stepId: { in: anchoredDues.map((d) => d.stepId) } } },
          data: { state: 'cancelled', outcome: 'incident resolved' },
        });
        await activate(tx, incidentId, anchoredDues);
        await tx.incidentStep.updateMany({
          where: { incidentId, state: 'waiting' },
          data: { state: 'cancelled', outcome: 'incident resolved' },
        });
        const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: { ticketId: true } });
        if (incident.ticketId !== null)
          await tx.ticket.update({ where: { id: incident.ticketId }, data: { status: 'resolved' } });
        return true;
      });
    },
    replan({ incidentId, fromVersion, severity, plan, schedule, cancel }, consequences) {
      return apply(incidentId, consequences, async (tx) => {
        const { count } = await tx.incident.updateMany({
          where: { id: incidentId, planVersion: fromVersion, resolvedAt: null },
          data: { severity, plan: JSON.stringify(plan), planVersion: fromVersion + 1 },
        });
        if (count === 0) return false;
        // Every open step of the old version goes; the new plan re-adds those it still has.
        await tx.incidentStep.updateMany({
          where: { incidentId, state: { in: ['pending', 'waiting'] }, stepId: { in: cancel } },
          data: { state: 'cancelled', outcome: `not in the ${severity} plan` },
        });
        await tx.incidentStep.updateMany({
          where: { incidentId, state: { in: ['pending', 'waiting'] } },
          data: { state: 'cancelled', outcome: `re-planned as ${severity}` },
        });
        await tx.incidentStep.createMany({ data: scheduleRows(incidentId, fromVersion + 1, schedule) });
        return true;
      });
    },
    async dueSteps(now, limit) {
      const rows = await prisma.incidentStep.findMany({
        where: { state: 'pending', dueAt: { lte: now } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: limit,
      });
      return rows.map(toStepRow);
    },
    async nextPendingStep(incidentId, actions) {
      const incident = await prisma.incident.findUnique({ where: { id: incidentId } });
      if (!incident) return undefined;
      const plan = toIncident(incident).plan;
      const ids = plan.steps.filter((s) => actions.includes(s.action)).map((s) => s.id);
      const row = await prisma.incidentStep.findFirst({
        where: { incidentId, state: 'pending', stepId: { in: ids } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      });
      return row ? toStepRow(row) : undefined;
    },
    async bringForward(rowId, dueAt) {
      const { count } = await prisma.incidentStep.updateMany({
        where: { id: rowId, state: 'pending', dueAt: { gt: dueAt } },
        data: { dueAt },
      });
      return count === 1;
    },
    completeSteps: (steps, at) => completeSteps(prisma, steps, at),
    record(incidentId, consequences) {
      return apply(incidentId, consequences, async () => true);
    },
    async markEngaged(incidentId, at) {
      const { count } = await prisma.incident.updateMany({
        where: { id: incidentId, engagedAt: null },
        data: { engagedAt: at },
      });
      return count === 1;
    },
    async setChannel(incidentId, channelId) {
      await prisma.incident.update({ where: { id: incidentId }, data: { channelId } });
    },
    async timeline(incidentId) {
      const rows = await prisma.incidentEvent.findMany({
        where: { incidentId },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
      });
      return rows.map((r) => ({
        at: r.at,
        kind: r.kind,
        actor: r.actor,
        text: r.text,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },
  };
}
