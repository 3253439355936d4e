import type { PrismaClient } from '../generated/prisma/client.ts';
import type { FrozenPlan } from '../domain/runbook/index.ts';
import type { Severity } from '../domain/types.ts';
import type { HomeStore } from '../usecases/app-home.ts';
import { query } from './raw-sql.ts';
import { insertNumberedOutbox } from './write-outbox.ts';

const KIND = 'slack.publish-home';
/** Home rows are keyed `home:<user>:<n>`; a range over the unique key index finds one user's. */
const prefix = (userId: string) => `home:${userId}:`;

export function createHomeStore(prisma: PrismaClient): HomeStore {
  return {
    async read() {
      const [tickets, incidents, followUps] = await Promise.all([
        prisma.ticket.findMany({ where: { status: { not: 'resolved' } }, orderBy: { id: 'asc' }, take: 200 }),
        prisma.incident.findMany({
          where: { resolvedAt: null },
          orderBy: { id: 'asc' },
          take: 50,
          include: { steps: { where: { state: 'pending', dueAt: { not: null } }, orderBy: { dueAt: 'asc' }, take: 1 } },
        }),
        prisma.followUpDeadline.findMany({ where: { state: 'open' }, orderBy: { dueAt: 'asc' }, take: 50 }),
      ]);
      return {
        tickets: tickets.map((t) => ({
          id: t.id,
          customerId: t.customerId,
          severity: t.severity as Severity,
          status: t.status,
          summary: t.summary,
          firstResponseDueAt: t.firstResponseDueAt,
          firstResponseBy: t.firstResponseBy,
        })),
        incidents: incidents.map((i) => {
          const step = i.steps[0];
          const plan = JSON.parse(i.plan) as FrozenPlan;
          const title = step ? plan.steps.find((s) => s.id === step.stepId)?.title : undefined;
          return {
            id: i.id,
            severity: i.severity as Severity,
            title: i.title,
            customerId: i.customerId,
            acknowledgedBy: i.acknowledgedBy,
            commanderId: i.commanderId,
            nextStep: step?.dueAt && title ? { title, dueAt: step.dueAt } : undefined,
          };
        }),
        followUps: followUps.map((f) => ({
          incidentId: f.incidentId,
          kind: f.kind,
          customerId: f.customerId,
          dueAt: f.dueAt,
        })),
      };
    },
    async viewers() {
      const rows = await query<{ key: string }>(
        prisma,
        `SELECT "key" FROM "OutboxMessage" WHERE "kind" = ? AND "key" >= 'home:' AND "key" < 'home;'`,
        KIND,
      );
      return [...new Set(rows.map((r) => r.key.split(':')[1] ?? ''))].filter(Boolean);
    },
    async request(userId, at) {
      const p = prefix(userId);
      const inserted = await insertNumberedOutbox(prisma, [
        {
          prefix: p,
          effect: { kind: KIND, key: '', userId },
          dependsOnKey: null,
          at,
          condition: `NOT EXISTS (
             SELECT 1 FROM "OutboxMessage" WHERE "key" >= ? AND "key" < ? AND "state" = 'pending'
                AND "attempts" = 0 AND "leaseUntil" IS NULL)`,
          conditionValues: [p, `${p.slice(0, -1)};`],
        },
      ]);
      return inserted === 1;
    },
    async stamp() {
      const [row] = await query<Record<string, unknown>>(
        prisma,
        `SELECT (SELECT MAX("id") FROM "TimelineEntry") AS t, (SELECT MAX("id") FROM "IncidentEvent") AS i,
                (SELECT MAX("id") FROM "FollowUpDeadline") AS f,
                (SELECT COUNT(*) FROM "FollowUpDeadline" WHERE "state" = 'open') AS o`,
      );
      return JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
    },
  };
}
