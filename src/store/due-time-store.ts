import type { PrismaClient } from '../generated/prisma/client.ts';
import type { FollowUpKind } from '../domain/follow-ups/index.ts';
import type { Severity, Tier } from '../domain/types.ts';
import type { DueTimeStore } from '../usecases/due-time-ports.ts';
import { writeIncidentEvents, writeOutboxEffects } from './write-outbox.ts';
import { isUniqueViolation } from './raw-sql.ts';

export function createDueTimeStore(prisma: PrismaClient): DueTimeStore {
  return {
    async latestTerms() {
      const row = await prisma.dueTimeTerms.findFirst({ orderBy: { version: 'desc' } });
      return row ? { version: row.version, content: row.content } : undefined;
    },

    async openTickets() {
      const rows = await prisma.ticket.findMany({
        where: { firstResponseAt: null, status: { not: 'resolved' } },
        select: { id: true, customerId: true, tier: true, severity: true, filedAt: true, firstResponseDueAt: true },
        orderBy: { id: 'asc' },
      });
      return rows.map((r) => ({ ...r, tier: r.tier as Tier, severity: r.severity as Severity }));
    },

    async openFollowUps() {
      const rows = await prisma.followUpDeadline.findMany({
        where: { state: 'open' },
        include: {
          incident: {
            select: { id: true, severity: true, customerId: true, components: true, startedAt: true, resolvedAt: true },
          },
        },
        orderBy: { id: 'asc' },
      });
      return rows.flatMap((r) =>
        r.incident.resolvedAt
          ? [
              {
                id: r.id,
                kind: r.kind as FollowUpKind,
                customerId: r.customerId,
                dueAt: r.dueAt,
                incident: {
                  ...r.incident,
                  severity: r.incident.severity as Severity,
                  components: JSON.parse(r.incident.components) as string[],
                  resolvedAt: r.incident.resolvedAt,
                },
              },
            ]
          : [],
      );
    },

    async recordTerms(terms, { tickets, followUps, effects }) {
      const { at } = terms;
      try {
        await prisma.$transaction(async (tx) => {
          // First, so a second process recording the same version fails here and writes nothing.
          await tx.dueTimeTerms.create({
            data: {
              version: terms.version,
              content: terms.content,
              changes: JSON.stringify(terms.changes),
              recordedAt: at,
            },
          });
          for (const c of tickets) {
            if (c.isMoved) {
              await tx.ticket.updateMany({
                where: { id: c.ticketId, firstResponseAt: null },
                data: { firstResponseDueAt: c.to },
              });
              await tx.deadline.updateMany({
                where: { ticketId: c.ticketId, kind: 'first-response', state: 'pending' },
                data: { dueAt: c.to },
              });
            }
            // The ticket's incident timeline (what /tplus timeline shows) says so too.
            const incident = await tx.incident.findUnique({ where: { ticketId: c.ticketId }, select: { id: true } });
            if (incident)
              await writeIncidentEvents(tx, incident.id, at, [
                { kind: c.isMoved ? 'ticket.due-time-moved' : 'ticket.due-time-kept', actor: 'tplus', text: c.text },
              ]);
            await tx.timelineEntry.create({
              data: {
                ticketId: c.ticketId,
                at,
                kind: c.isMoved ? 'due-time.moved' : 'due-time.kept',
                actor: 'tplus',
                detail: JSON.stringify({ from: c.from, to: c.to, reasons: c.reasons, text: c.text }),
              },
            });
          }
          for (const c of followUps) {
            if (c.isMoved) {
              await tx.followUpDeadline.updateMany({
                where: { id: c.deadlineId, state: 'open' },
                data: { dueAt: c.to },
              });
              await tx.deadlineReminder.deleteMany({ where: { deadlineId: c.deadlineId, state: 'pending' } });
              // A reminder that already went out keeps its row (and its kind): it is not sent twice.
              const sent = new Set(
                (
                  await tx.deadlineReminder.findMany({ where: { deadlineId: c.deadlineId }, select: { kind: true } })
                ).map((r) => r.kind),
              );
              const fresh = c.reminders.filter((r) => !sent.has(r.kind));
              if (fresh.length > 0)
                await tx.deadlineReminder.createMany({
                  data: fresh.map((r) => ({ deadlineId: c.deadlineId, kind: r.kind, dueAt: r.dueAt })),
                });
            }
            await writeIncidentEvents(tx, c.incidentId, at, [
              {
                kind: c.isMoved ? 'follow-up.due-time-moved' : 'follow-up.due-time-kept',
                actor: 'tplus',
                text: c.text,
                detail: { deadlineId: c.deadlineId, from: c.from, to: c.to, reasons: c.reasons },
              },
            ]);
          }
          await writeOutboxEffects(tx, effects, at);
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
