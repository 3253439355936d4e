import type { Ticket as TicketRow } from '../generated/prisma/client.ts';
import type { Ticket, TicketSignal } from '../domain/ticket.ts';
import type { Severity, Tier } from '../domain/types.ts';
import type { OutboxEffect } from '../usecases/ports.ts';

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    customerId: row.customerId,
    tier: row.tier as Tier,
    channelId: row.channelId,
    threadTs: row.threadTs,
    source: row.source as Ticket['source'],
    reporterUserId: row.reporterUserId,
    reporterTeamId: row.reporterTeamId,
    isFiledOnBehalf: row.isFiledOnBehalf,
    summary: row.summary,
    description: row.description,
    impact: row.impact,
    component: row.component,
    proposedSeverity: row.proposedSeverity as Severity | null,
    severity: row.severity as Severity,
    classificationReason: row.classificationReason,
    signals: JSON.parse(row.classificationSignals) as TicketSignal[],
    status: row.status as Ticket['status'],
    filedAt: row.filedAt,
    firstResponseDueAt: row.firstResponseDueAt,
    firstResponseAt: row.firstResponseAt,
    firstResponseBy: row.firstResponseBy,
    slaBreachedAt: row.slaBreachedAt,
    escalationRequestedAt: row.escalationRequestedAt,
  };
}

/** The row an outbox effect becomes: `dependsOnKey` names the post whose ts it needs. */
export function outboxRow(effect: OutboxEffect, at: Date) {
  const dependsOnKey =
    effect.kind === 'slack.post'
      ? (effect.threadOf ?? effect.channelOf)?.key
      : effect.kind === 'slack.update' || effect.kind === 'slack.pin'
        ? effect.target.key
        : effect.kind === 'statuspage.sync'
          ? effect.incidentOf?.key
          : undefined;
  return {
    key: effect.key,
    kind: effect.kind,
    payload: JSON.stringify(effect),
    dependsOnKey: dependsOnKey ?? null,
    nextAttemptAt: at,
    createdAt: at,
  };
}
