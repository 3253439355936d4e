import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { insertRows, updateWhere } from './raw-sql.ts';
import { summaryKey } from '../usecases/incident-summary.ts';
import type { OutboxEffect } from '../usecases/ports.ts';
import type { IncidentConsequences } from '../usecases/incident-ports.ts';
import type { PublicStatus } from '../usecases/status-ports.ts';
import { writeStatusPublication } from './status-store.ts';
import { parseImpacts } from './status-mapper.ts';
import { insertNumberedOutbox, writeOutboxEffects, type NumberedOutboxRow } from './write-outbox.ts';

export type Tx = Prisma.TransactionClient;

/** Writes what a decision about an incident causes, inside the caller's transaction. */
export async function writeConsequences(tx: Tx, incidentId: number, c: IncidentConsequences): Promise<void> {
  await writeConsequencesOf(tx, [{ incidentId, consequences: c }]);
}

/**
 * Writes what several decisions cause (each about a different incident), inside the caller's
 * transaction: one statement per kind of row for all of them (timeline lines, outbox effects,
 * summary edits), because on PostgreSQL every statement is a round trip and on SQLite every
 * statement holds the write lock a little longer.
 */
export async function writeConsequencesOf(
  tx: Tx,
  decisions: readonly { incidentId: number; consequences: IncidentConsequences }[],
): Promise<void> {
  await insertRows(
    tx,
    'IncidentEvent',
    decisions.flatMap(({ incidentId, consequences: c }) =>
      (c.events ?? []).map((e) => ({
        incidentId,
        at: c.at,
        kind: e.kind,
        actor: e.actor,
        text: e.text,
        detail: JSON.stringify(e.detail ?? {}),
      })),
    ),
  );
  for (const [at, effects] of byInstant(decisions)) await writeOutboxEffects(tx, effects, at);
  await insertNumberedOutbox(
    tx,
    decisions.map(({ incidentId, consequences: c }) => summaryEdit(incidentId, c.at)),
  );
  for (const { incidentId, consequences: c } of decisions) {
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
}

/** The decisions' outbox effects grouped by their instant (one batch of steps shares one). */
function byInstant(decisions: readonly { consequences: IncidentConsequences }[]): Map<Date, OutboxEffect[]> {
  const groups = new Map<number, { at: Date; effects: OutboxEffect[] }>();
  for (const { consequences: c } of decisions) {
    const group = groups.get(c.at.getTime()) ?? { at: c.at, effects: [] };
    group.effects.push(...(c.effects ?? []));
    groups.set(c.at.getTime(), group);
  }
  return new Map([...groups.values()].map((g) => [g.at, g.effects]));
}

/**
 * Every change of an incident edits its pinned summary (rendered at delivery from the state then),
 * once the summary post exists in the outbox: a conditional insert, no read. The key takes a fresh
 * number, so two changes at the same instant are two edits, and the later one shows both.
 */
function summaryEdit(incidentId: number, at: Date): NumberedOutboxRow {
  const target = summaryKey(incidentId);
  const effect: OutboxEffect = {
    kind: 'slack.update',
    key: '',
    target: { key: target },
    message: { view: 'incident-summary', data: { incidentId } },
  };
  return {
    prefix: `${target}:edit:`,
    effect,
    dependsOnKey: target,
    at,
    condition: 'EXISTS (SELECT 1 FROM "OutboxMessage" WHERE "key" = ?)',
    conditionValues: [target],
  };
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
