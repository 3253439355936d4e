import type { Prisma, PrismaClient, Ticket as TicketRow } from '../generated/prisma/client.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Severity } from '../domain/types.ts';
import type { Consequences, TicketStore } from '../usecases/ports.ts';
import { impactAnswersJson, toTicket } from './ticket-mapper.ts';
import { applySeverityChange, writeSeverityExample } from './ticket-severity.ts';
import { writeOutboxEffects } from './write-outbox.ts';
import { Aborted, claimCause } from './claim-cause.ts';
import { insertReturning, insertRows, query } from './raw-sql.ts';

type Tx = Prisma.TransactionClient;

async function writeConsequences(tx: Tx, ticket: Ticket, consequences: Consequences): Promise<void> {
  const notes = consequences.timeline ?? [];
  if (notes.length > 0) {
    await insertRows(
      tx,
      'TimelineEntry',
      notes.map((note) => ({
        ticketId: ticket.id,
        at: consequences.at,
        kind: note.kind,
        actor: note.actor,
        detail: JSON.stringify(note.detail),
      })),
    );
  }
  await writeOutboxEffects(tx, consequences.effects?.(ticket) ?? [], consequences.at);
}

export function createTicketStore(prisma: PrismaClient): TicketStore {
  /** Runs `change` and the consequences atomically; resolves false when nothing was applied. */
  async function apply(
    ticketId: number,
    consequences: Consequences,
    change: (tx: Tx) => Promise<boolean>,
  ): Promise<boolean> {
    try {
      return await prisma.$transaction(async (tx) => {
        if (!(await claimCause(tx, consequences))) return false;
        if (!(await change(tx))) throw new Aborted();
        const row = await tx.ticket.findUniqueOrThrow({ where: { id: ticketId } });
        await writeConsequences(tx, toTicket(row), consequences);
        return true;
      });
    } catch (error) {
      if (error instanceof Aborted) return false;
      throw error;
    }
  }

  return {
    async createTicket(t, consequences) {
      return prisma.$transaction(async (tx) => {
        if (!(await claimCause(tx, { ...consequences, causeInboxId: t.inboxId }))) return undefined;
        const row = await insertReturning<TicketRow>(tx, 'Ticket', {
          inboxKey: t.inboxKey,
          customerId: t.customerId,
          tier: t.tier,
          channelId: t.channelId,
          threadTs: t.threadTs,
          source: t.source,
          reporterUserId: t.reporterUserId,
          reporterTeamId: t.reporterTeamId,
          isFiledOnBehalf: t.isFiledOnBehalf,
          summary: t.summary,
          description: t.description,
          impact: t.impact,
          component: t.component,
          proposedSeverity: t.proposedSeverity,
          severity: t.severity,
          classificationReason: t.classificationReason,
          classificationSignals: JSON.stringify(t.signals),
          classifiedSeverity: t.severity,
          classificationConfidence: t.classificationConfidence,
          isPossibleS1: t.isPossibleS1,
          filedAt: t.filedAt,
          firstResponseDueAt: t.firstResponseDueAt,
        });
        await insertRows(tx, 'Deadline', [
          { ticketId: row.id, kind: 'first-response', dueAt: t.firstResponseDueAt, state: 'pending' },
        ]);
        await insertRows(tx, 'SeverityChange', [
          {
            ticketId: row.id,
            fromSeverity: null,
            toSeverity: t.severity,
            actorUserId: 'tplus',
            reason: t.classificationReason,
            at: t.filedAt,
          },
        ]);
        const ticket = toTicket(row);
        await writeConsequences(tx, ticket, consequences);
        return ticket;
      });
    },
    async get(id) {
      // Raw SQL: every card and reply renders from this read (a Prisma query costs ~4x a raw one).
      const [row] = await query<TicketRow>(prisma, 'SELECT * FROM "Ticket" WHERE "id" = ?', id);
      return row ? toTicket(row) : undefined;
    },
    async findByThread(channelId, threadTs) {
      const row = await prisma.ticket.findFirst({ where: { channelId, threadTs } });
      return row ? toTicket(row) : undefined;
    },
    recordFirstResponse({ ticketId, by, at, isAcknowledgement }, consequences) {
      return apply(ticketId, consequences, async (tx) => setFirstResponse(tx, { ticketId, by, at, isAcknowledgement }));
    },
    changeSeverity({ ticketId, ...severityChange }, consequences) {
      return apply(ticketId, consequences, (tx) => applySeverityChange(tx, ticketId, severityChange));
    },
    async recordImpactAnswer({ ticketId, question, answer, at, causeInboxId }, decide) {
      return prisma.$transaction(async (tx) => {
        // The claim is a write: from here the transaction holds the write lock, so the ticket read
        // next already has every answer committed before this one.
        if (!(await claimCause(tx, { causeInboxId, at }))) return undefined;
        const row = await tx.ticket.findUnique({ where: { id: ticketId } });
        if (!row) return undefined;
        const before = toTicket(row);
        const answered = { ...before, impactAnswers: { ...before.impactAnswers, [question]: answer } };
        await tx.ticket.update({
          where: { id: ticketId },
          data: { impactAnswers: impactAnswersJson(answered.impactAnswers) },
        });
        const decision = decide(answered, before);
        if (decision.severityChange && !(await applySeverityChange(tx, ticketId, decision.severityChange)))
          throw new Error(`ticket ${ticketId} changed severity inside its own transaction`);
        if (decision.example) await writeSeverityExample(tx, ticketId, decision.example, at);
        const ticket = toTicket(await tx.ticket.findUniqueOrThrow({ where: { id: ticketId } }));
        await writeConsequences(tx, ticket, { at, timeline: decision.timeline, effects: decision.effects });
        return { ticket, decision };
      });
    },
    addComment({ ticketId, authorUserId, authorTeamId, isResponder, text, messageTs, at }, consequences) {
      return apply(ticketId, consequences, async (tx) => {
        const existing = await tx.ticketComment.findUnique({ where: { ticketId_messageTs: { ticketId, messageTs } } });
        if (existing) return false;
        await tx.ticketComment.create({
          data: { ticketId, authorUserId, authorTeamId, isResponder, text, messageTs, createdAt: at },
        });
        if (isResponder) await setFirstResponse(tx, { ticketId, by: authorUserId, at, isAcknowledgement: false });
        return true;
      });
    },
    requestEscalation({ ticketId, by, at }, consequences) {
      return apply(ticketId, consequences, async (tx) => {
        await tx.ticket.update({ where: { id: ticketId }, data: { escalationRequestedAt: at } });
        void by;
        return true;
      });
    },
    async setThread(ticketId, threadTs) {
      await prisma.ticket.updateMany({ where: { id: ticketId, threadTs: null }, data: { threadTs } });
    },
    async severityHistory(ticketId) {
      const rows = await prisma.severityChange.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        fromSeverity: r.fromSeverity as Severity | null,
        toSeverity: r.toSeverity as Severity,
        actorUserId: r.actorUserId,
        reason: r.reason,
        at: r.at,
      }));
    },
    async timeline(ticketId) {
      const rows = await prisma.timelineEntry.findMany({ where: { ticketId }, orderBy: { id: 'asc' } });
      return rows.map((r) => ({
        kind: r.kind,
        actor: r.actor,
        at: r.at,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    },
    async claimDueBreaches(now, limit, consequencesFor) {
      const due = await prisma.deadline.findMany({
        where: { state: 'pending', kind: 'first-response', dueAt: { lt: now } },
        orderBy: { dueAt: 'asc' },
        take: limit,
      });
      const claimed: Ticket[] = [];
      for (const deadline of due) {
        const ticket = await prisma.$transaction(async (tx) => {
          // Conditional update: whoever flips pending → breached owns the breach.
          const { count } = await tx.deadline.updateMany({
            where: { id: deadline.id, state: 'pending' },
            data: { state: 'breached', settledAt: now },
          });
          if (count === 0) return undefined;
          const breached = toTicket(
            await tx.ticket.update({ where: { id: deadline.ticketId }, data: { slaBreachedAt: deadline.dueAt } }),
          );
          await writeConsequences(tx, breached, consequencesFor(breached, deadline.dueAt));
          return breached;
        });
        if (ticket) claimed.push(ticket);
      }
      return claimed;
    },
    async addConsequences(consequences) {
      await apply(consequences.ticketId, consequences, async () => true);
    },
  };
}

async function setFirstResponse(
  tx: Tx,
  { ticketId, by, at, isAcknowledgement }: { ticketId: number; by: string; at: Date; isAcknowledgement: boolean },
): Promise<boolean> {
  const { count } = await tx.ticket.updateMany({
    where: { id: ticketId, firstResponseAt: null },
    data: {
      firstResponseAt: at,
      firstResponseBy: by,
      ...(isAcknowledgement ? { status: 'acknowledged', needsIncidentSync: true } : {}),
    },
  });
  if (count === 0) {
    if (!isAcknowledgement) return false;
    // Already responded in the thread: the button still acknowledges the ticket.
    const ack = await tx.ticket.updateMany({
      where: { id: ticketId, status: 'open' },
      data: { status: 'acknowledged', needsIncidentSync: true },
    });
    return ack.count === 1;
  }
  await tx.deadline.updateMany({
    where: { ticketId, kind: 'first-response', state: 'pending' },
    data: { state: 'met', settledAt: at },
  });
  return true;
}
