import type { OpenDatabase } from './database-port.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { ComponentState } from '../domain/uptime/index.ts';
import type { PublicStatus, StatusPublication, StatusStore } from '../usecases/status-ports.ts';
import { Aborted, claimCause } from './claim-cause.ts';
import { mergeImpacts, newPublicId, parseImpacts, toStatusIncident } from './status-mapper.ts';
import { writeSubscriberNotifications } from './subscriber-fanout.ts';
import { writeOutboxEffects } from './write-outbox.ts';

type Tx = Prisma.TransactionClient;

const MONITORING: readonly PublicStatus[] = ['monitoring', 'verifying'];
const CLOSED: readonly PublicStatus[] = ['resolved', 'completed'];
const withUpdates = { updates: true } as const;

/**
 * Writes one publication inside the caller's transaction: the runbook's T+15 step and the
 * resolution publish in the same transaction as their own claim. The caller claims the cause.
 */
export async function writeStatusPublication(
  tx: Tx,
  p: StatusPublication,
): Promise<{ statusIncidentId: number; updateId: number }> {
  const isClosing = CLOSED.includes(p.status);
  let statusIncidentId: number;
  let incidentId: number | null;
  if ('create' in p.target) {
    const c = p.target.create;
    const row = await tx.statusIncident.create({
      data: {
        publicId: newPublicId(),
        kind: c.kind,
        incidentId: c.incidentId ?? null,
        name: c.name,
        impact: c.impact,
        status: p.status,
        upstreamProvider: c.upstreamProvider ?? null,
        components: JSON.stringify(mergeImpacts([], p.components)),
        createdAt: p.at,
        updatedAt: p.at,
        monitoringAt: MONITORING.includes(p.status) ? p.at : null,
        resolvedAt: isClosing ? p.at : null,
        scheduledFor: c.scheduledFor ?? null,
        scheduledUntil: c.scheduledUntil ?? null,
        announcedAt: c.kind === 'maintenance' ? p.at : null,
        isForced: c.isForced ?? false,
      },
    });
    statusIncidentId = row.id;
    incidentId = row.incidentId;
  } else {
    const current = await tx.statusIncident.findUniqueOrThrow({ where: { id: p.target.statusIncidentId } });
    // The claim of a timed move: a conditional update, so two ticks or processes cannot both make it.
    if (
      p.expectedStatus !== undefined &&
      (
        await tx.statusIncident.updateMany({
          where: { id: current.id, status: p.expectedStatus },
          data: { updatedAt: p.at },
        })
      ).count === 0
    )
      throw new Aborted();
    statusIncidentId = current.id;
    incidentId = current.incidentId;
    await tx.statusIncident.update({
      where: { id: current.id },
      data: {
        status: p.status,
        updatedAt: p.at,
        components: JSON.stringify(mergeImpacts(parseImpacts(current.components), p.components)),
        // The first time it reached monitoring stays; a reopened incident is no longer resolved.
        monitoringAt: current.monitoringAt ?? (MONITORING.includes(p.status) ? p.at : null),
        resolvedAt: isClosing ? (current.resolvedAt ?? p.at) : null,
      },
    });
  }
  const update = await tx.statusUpdate.create({
    data: {
      publicId: newPublicId(),
      statusIncidentId,
      status: p.status,
      body: p.body,
      components: JSON.stringify(p.components),
      actor: p.actor,
      createdAt: p.at,
      displayAt: p.at,
    },
  });
  if (p.components.length > 0 && !p.isAnnouncement) {
    await tx.componentStatusChange.createMany({
      data: p.components.map((c) => ({
        componentId: c.componentId,
        state: c.state,
        incidentId,
        at: p.at,
        source: 'status',
      })),
    });
  }
  await writeOutboxEffects(tx, p.effects ?? [], p.at);
  if (p.effectsFor) await writeOutboxEffects(tx, p.effectsFor({ statusIncidentId, updateId: update.id }), p.at);
  await writeSubscriberNotifications(tx, { statusIncidentId, updateId: update.id, at: p.at });
  return { statusIncidentId, updateId: update.id };
}

export function createStatusStore({ prisma, read }: Pick<OpenDatabase, 'prisma' | 'read'>): StatusStore {
  const openWhere = (kind?: 'incident' | 'maintenance') => ({ resolvedAt: null, ...(kind ? { kind } : {}) });

  return {
    async publish(publication) {
      try {
        return await prisma.$transaction(async (tx) => {
          if (!(await claimCause(tx, { causeInboxId: publication.causeInboxId, at: publication.at })))
            throw new Aborted();
          return writeStatusPublication(tx, publication);
        });
      } catch (error) {
        if (error instanceof Aborted) return undefined;
        throw error;
      }
    },
    async get(id) {
      const row = await prisma.statusIncident.findUnique({ where: { id }, include: withUpdates });
      return row ? toStatusIncident(row) : undefined;
    },
    async byIncident(incidentId) {
      const row = await prisma.statusIncident.findUnique({ where: { incidentId }, include: withUpdates });
      return row ? toStatusIncident(row) : undefined;
    },
    async list({ since, kind, limit }) {
      const rows = await prisma.statusIncident.findMany({
        where: {
          ...(kind ? { kind } : {}),
          OR: [{ createdAt: { gte: since } }, { resolvedAt: null }, { resolvedAt: { gte: since } }],
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: withUpdates,
        ...(limit ? { take: limit } : {}),
      });
      return rows.map(toStatusIncident);
    },
    async page({ kind, limit, offset }) {
      const where = kind ? { kind } : {};
      const [rows, total] = await Promise.all([
        prisma.statusIncident.findMany({
          where,
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          include: withUpdates,
          take: limit,
          skip: offset,
        }),
        prisma.statusIncident.count({ where }),
      ]);
      return { records: rows.map(toStatusIncident), total };
    },
    async byPublicId(publicId) {
      const row = await prisma.statusIncident.findUnique({ where: { publicId }, include: withUpdates });
      return row ? toStatusIncident(row) : undefined;
    },
    async firstChanges() {
      const rows = await prisma.componentStatusChange.groupBy({ by: ['componentId'], _min: { at: true } });
      return new Map(rows.flatMap((r) => (r._min.at ? [[r.componentId, r._min.at] as const] : [])));
    },
    async createdAt() {
      const [row] = await read<{ at: number | string | Date | null }>(
        'SELECT min(started_at) AS at FROM "_prisma_migrations"',
      );
      const at = row?.at ?? 0;
      // SQLite: ours writes epoch milliseconds; the Prisma CLI and SQLite's default write UTC text
      // without a zone. PostgreSQL: a timestamptz.
      if (at instanceof Date || typeof at === 'number') return new Date(at);
      return new Date(`${at.replace(' ', 'T')}${/[Z+]/.test(at) ? '' : 'Z'}`);
    },
    async open(kind) {
      const rows = await prisma.statusIncident.findMany({
        where: openWhere(kind),
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        include: withUpdates,
      });
      return rows.map(toStatusIncident);
    },
    async dueMaintenances(now) {
      const rows = await prisma.statusIncident.findMany({
        where: {
          kind: 'maintenance',
          resolvedAt: null,
          OR: [
            { status: 'scheduled', scheduledFor: { lte: now } },
            { status: { in: ['in_progress', 'verifying'] }, scheduledUntil: { lte: now } },
          ],
        },
        orderBy: { id: 'asc' },
        include: withUpdates,
      });
      return rows.map(toStatusIncident);
    },
    async componentChanges(from, to) {
      // Each component's last change before the window gives its state at the window's start.
      const lastBefore = await prisma.componentStatusChange.groupBy({
        by: ['componentId'],
        where: { at: { lt: from } },
        _max: { at: true },
      });
      const starts = lastBefore.flatMap((g) => (g._max.at ? [{ componentId: g.componentId, at: g._max.at }] : []));
      const rows = await prisma.componentStatusChange.findMany({
        where: { OR: [...starts, { at: { gte: from, lt: to } }] },
        orderBy: [{ at: 'asc' }, { id: 'asc' }],
        select: { componentId: true, state: true, at: true },
      });
      return rows.map((r) => ({ componentId: r.componentId, state: r.state as ComponentState, at: r.at }));
    },
    async version() {
      // Indexed (max of an id): cheap enough to ask on every public request.
      const [row] = await read<{ u: number | bigint | null; c: number | bigint | null }>(
        'SELECT (SELECT max("id") FROM "StatusUpdate") AS u, (SELECT max("id") FROM "ComponentStatusChange") AS c',
      );
      return `${row?.u ?? 0}.${row?.c ?? 0}`;
    },
  };
}
