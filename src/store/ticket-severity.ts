import type { Prisma } from '../generated/prisma/client.ts';
import type { SeverityExample } from '../domain/ticket.ts';
import type { SeverityChange } from '../usecases/ports.ts';

type Tx = Prisma.TransactionClient;

/**
 * Moves a ticket's severity inside the caller's transaction: conditional on the severity it was
 * decided from (false: someone changed it meanwhile), with the severity record, the pending
 * first-response deadline and the training example.
 */
export async function applySeverityChange(
  tx: Tx,
  ticketId: number,
  { change, firstResponseDueAt, example }: SeverityChange,
): Promise<boolean> {
  const { count } = await tx.ticket.updateMany({
    where: { id: ticketId, severity: change.fromSeverity ?? undefined },
    data: { severity: change.toSeverity, firstResponseDueAt, needsIncidentSync: true },
  });
  if (count === 0) return false;
  await tx.severityChange.create({ data: { ticketId, ...change } });
  // A pending deadline moves with the new target; a met or breached one is history.
  await tx.deadline.updateMany({
    where: { ticketId, kind: 'first-response', state: 'pending' },
    data: { dueAt: firstResponseDueAt },
  });
  if (example) await writeSeverityExample(tx, ticketId, example, change.at);
  return true;
}

export async function writeSeverityExample(
  tx: Tx,
  ticketId: number,
  example: Omit<SeverityExample, 'ticketId' | 'createdAt'>,
  at: Date,
): Promise<void> {
  await tx.severityExample.create({
    data: {
      text: example.text,
      severity: example.severity,
      source: example.source,
      actorUserId: example.actorUserId,
      ticketId,
      createdAt: at,
    },
  });
}
