import type { PrismaClient } from '../generated/prisma/client.ts';
import type { SeverityExample, SeverityExampleSource } from '../domain/ticket.ts';
import type { Severity } from '../domain/types.ts';

/** Every stored correction, oldest first (the order they were made in). */
export async function readSeverityExamples(prisma: PrismaClient): Promise<SeverityExample[]> {
  const rows = await prisma.severityExample.findMany({ orderBy: { id: 'asc' } });
  return rows.map((r) => ({
    text: r.text,
    severity: r.severity as Severity,
    source: r.source as SeverityExampleSource,
    ticketId: r.ticketId,
    actorUserId: r.actorUserId,
    createdAt: r.createdAt,
  }));
}
