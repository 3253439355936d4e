import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { updateWhere } from './raw-sql.ts';
import { summaryKey } from '../usecases/incident-summary.ts';
import type { OutboxEffect } from '../usecases/ports.ts';
import type { IncidentConsequences } from '../usecases/incident-ports.ts';
import type { PublicStatus } from '../usecases/status-ports.ts';
import { writeStatusPublication } from './status-store.ts';
import { parseImpacts } from './status-mapper.ts';
import { insertNumberedOutbox, writeIncidentEvents, writeOutboxEffects } from './write-outbox.ts';

export type Tx = Prisma.TransactionClient;

/** Writes what a decision about an incident causes, inside the caller's transaction. */
export async function writeConsequences(tx: Tx, incidentId: number, c: IncidentConsequences): Promise<void> {
  // One statement per kind of row, not one per row: a step's transaction holds the write lock.
  await writeIncidentEvents(tx, incidentId, c.at, c.events ?? []);
  await writeOutboxEffects(tx, c.effects ?? [], c.at);
  await refreshSummary(tx, incidentId, c.at);
  if (c.syncedTicket) await clearSyncFlag(tx, c.syncedTicket);
  const published = await writeStatusUpdate(tx, incidentId, c);
  const statusChanges = (c.statusChanges ?? []).filter((s) => !published.has(s.componentId));
  if (statusChanges.length > 0) {
    await tx.componentStatusChange.createMany({
      data: statusChanges.map((s) => ({
        componentId: s.componentId,
        state: s.state,
        incidentId,
        at: c.at,
        source: s.source,
      })),
    });
  }
}

/**
 * Every change of an incident edits its pinned summary (rendered at delivery from the state then),
 * once the summary post exists in the outbox: one conditional statement, no read. The key takes
 * a fresh number, so two changes at the same instant are two edits, and the later one shows both.
 */
async function refreshSummary(tx: Tx, incidentId: number, at: Date): Promise<void> {
  const target = summaryKey(incidentId);
  const effect: OutboxEffect = {
    kind: 'slack.update',
    key: '',
    target: { key: target },
    message: { view: 'incident-summary', data: { incidentId } },
  };
  await insertNumberedOutbox(
    tx,
    { prefix: `${target}:edit:`, effect, dependsOnKey: target, at },
    'EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "key" = ?)',
    target,
  );
}

/** The decision's public status update, if it makes one; resolves the components it set. */
async function writeStatusUpdate(tx: Tx, incidentId: number, c: IncidentConsequences): Promise<Set<string>> {
  if (!c.statusUpdate) return new Set();
  const row = await tx.statusIncident.findUnique({ where: { incidentId } });
  const publication = c.statusUpdate(
    row
      ? {
          id: row.id,
          name: row.name,
          status: row.status as PublicStatus,
          components: parseImpacts(row.components),
          resolvedAt: row.resolvedAt,
        }
      : undefined,
  );
  if (!publication) return new Set();
  await writeStatusPublication(tx, { ...publication, at: c.at });
  return new Set(publication.components.map((p) => p.componentId));
}

export async function clearSyncFlag(
  tx: Tx | PrismaClient,
  t: { id: number; severity: string; status: string },
): Promise<void> {
  await updateWhere(
    tx,
    'Ticket',
    { needsIncidentSync: false },
    '"id" = ? AND "severity" = ? AND "status" = ?',
    t.id,
    t.severity,
    t.status,
  );
}
