import type { PrismaClient } from '../generated/prisma/client.ts';
import type { IncidentConsequences, IncidentRoleStore, StatusWatch } from '../usecases/incident-ports.ts';
import { query, updateWhere } from './raw-sql.ts';
import { applyClaimed } from './write-outbox.ts';
import { writeConsequences, type Tx } from './incident-consequences.ts';
import { toIncident } from './incident-mapper.ts';
import type { Severity } from '../domain/types.ts';

const ROLE_COLUMN = { commander: 'commanderId', comms: 'commsId' } as const;

const asDate = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value));

/** Incident roles and the stale-status reminder's claim: small, per incident, raw SQL. */
export function createIncidentRoleStore(prisma: PrismaClient): IncidentRoleStore {
  const apply = (incidentId: number, consequences: IncidentConsequences, change: (tx: Tx) => Promise<boolean>) =>
    applyClaimed(prisma, consequences, change, (tx) => writeConsequences(tx, incidentId, consequences));
  return {
    async byChannel(channelId) {
      const row = await prisma.incident.findFirst({ where: { channelId }, orderBy: { id: 'desc' } });
      return row ? toIncident(row) : undefined;
    },
    setRole({ incidentId, role, userId }, consequences) {
      return apply(incidentId, consequences, async (tx) => {
        const changed = await updateWhere(
          tx,
          'Incident',
          { [ROLE_COLUMN[role]]: userId },
          '"id" = ? AND "resolvedAt" IS NULL',
          incidentId,
        );
        return changed === 1;
      });
    },
    async statusWatch() {
      // Open incidents whose public incident is open: its latest update, and the last reminder.
      const rows = await query<Record<string, unknown>>(
        prisma,
        `SELECT i."id" AS "incidentId", i."severity" AS "severity", i."channelId" AS "channelId",
                i."commanderId" AS "commanderId", i."statusRemindedAt" AS "remindedAt",
                MAX(u."createdAt") AS "lastUpdateAt"
           FROM "StatusIncident" s
          CROSS JOIN "Incident" i
           JOIN "StatusUpdate" u ON u."statusIncidentId" = s."id"
          WHERE s."resolvedAt" IS NULL AND i."id" = s."incidentId" AND i."resolvedAt" IS NULL
          GROUP BY i."id"`,
      );
      return rows.map((r): StatusWatch => ({
        incidentId: Number(r.incidentId),
        severity: String(r.severity) as Severity,
        channelId: r.channelId === null ? null : String(r.channelId),
        commanderId: r.commanderId === null ? null : String(r.commanderId),
        remindedAt: asDate(r.remindedAt),
        lastUpdateAt: asDate(r.lastUpdateAt)!,
      }));
    },
    claimStatusReminder({ incidentId, previous }, consequences) {
      return apply(incidentId, consequences, async (tx) => {
        const changed = await updateWhere(
          tx,
          'Incident',
          { statusRemindedAt: consequences.at },
          '"id" = ? AND "resolvedAt" IS NULL AND "statusRemindedAt" IS NOT DISTINCT FROM ?',
          incidentId,
          previous,
        );
        return changed === 1;
      });
    },
  };
}
