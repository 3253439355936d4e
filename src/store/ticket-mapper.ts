import type { Ticket as TicketRow } from '../generated/prisma/client.ts';
import { IMPACT_QUESTIONS, type ImpactAnswers } from '../domain/impact-answers.ts';
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
    classifiedSeverity: row.classifiedSeverity as Severity | null,
    classificationConfidence: row.classificationConfidence,
    isPossibleS1: row.isPossibleS1,
    impactAnswers: toImpactAnswers(row.impactAnswers),
    status: row.status as Ticket['status'],
    filedAt: row.filedAt,
    firstResponseDueAt: row.firstResponseDueAt,
    firstResponseAt: row.firstResponseAt,
    firstResponseBy: row.firstResponseBy,
    slaBreachedAt: row.slaBreachedAt,
    escalationRequestedAt: row.escalationRequestedAt,
  };
}

type StoredAnswer = { isYes: boolean; userId: string; at: string };

/** The JSON column: question → answer with its instant as ISO text; unknown questions are ignored. */
export function toImpactAnswers(json: string): ImpactAnswers {
  const stored = JSON.parse(json) as Record<string, StoredAnswer | undefined>;
  const answers: ImpactAnswers = {};
  for (const q of IMPACT_QUESTIONS) {
    const a = stored[q];
    if (a) answers[q] = { isYes: a.isYes, userId: a.userId, at: new Date(a.at) };
  }
  return answers;
}

export function impactAnswersJson(answers: ImpactAnswers): string {
  return JSON.stringify(answers);
}

/** The row an outbox effect becomes: `dependsOnKey` names the post whose ts it needs. */
export function outboxRow(effect: OutboxEffect, at: Date) {
  const dependsOnKey =
    effect.kind === 'slack.post'
      ? (effect.threadOf ?? effect.channelOf)?.key
      : effect.kind === 'slack.invite'
        ? effect.channelOf?.key
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
