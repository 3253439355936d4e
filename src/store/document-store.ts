import type {
  Document as DocumentRow,
  FollowUpDeadline as DeadlineRow,
  DeadlineReminder as ReminderRow,
  Prisma,
  PrismaClient,
} from '../generated/prisma/client.ts';
import type { FollowUpKind } from '../domain/follow-ups/index.ts';
import type {
  DocumentConsequences,
  DocumentState,
  DocumentStore,
  FollowUpDeadlineRecord,
  ReminderRecord,
  StoredDocument,
} from '../usecases/document-ports.ts';
import { applyClaimed, writeIncidentEvents, writeOutboxEffects } from './write-outbox.ts';
import { toIncident } from './incident-mapper.ts';

type Tx = Prisma.TransactionClient;

const toDocument = (row: DocumentRow): StoredDocument => ({
  id: row.id,
  incidentId: row.incidentId,
  kind: row.kind as FollowUpKind,
  customerId: row.customerId,
  markdown: row.markdown,
  sections: JSON.parse(row.sections) as Record<string, string>,
  state: row.state as DocumentState,
  revision: row.revision,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
  editedBy: row.editedBy,
  approvedBy: row.approvedBy,
  approvedAt: row.approvedAt,
  sentBy: row.sentBy,
  sentAt: row.sentAt,
});
const toDeadline = (row: DeadlineRow): FollowUpDeadlineRecord => ({
  id: row.id,
  incidentId: row.incidentId,
  kind: row.kind as FollowUpKind,
  customerId: row.customerId,
  dueAt: row.dueAt,
  isBusinessDays: row.isBusinessDays,
  state: row.state as 'open' | 'met',
  metAt: row.metAt,
});
const toReminder = (row: ReminderRow): ReminderRecord => ({
  id: row.id,
  deadlineId: row.deadlineId,
  kind: row.kind,
  dueAt: row.dueAt,
  state: row.state as ReminderRecord['state'],
  firedAt: row.firedAt,
});

async function writeConsequences(
  tx: Tx,
  incidentId: number,
  c: Omit<DocumentConsequences, 'causeInboxId'>,
): Promise<void> {
  await writeIncidentEvents(tx, incidentId, c.at, c.events ?? []);
  await writeOutboxEffects(tx, c.effects ?? [], c.at);
}

export function createDocumentStore(prisma: PrismaClient): DocumentStore {
  /** Runs `change` after claiming the cause; a change that finds nothing to do rolls everything back. */
  const apply = (incidentId: number, consequences: DocumentConsequences, change: (tx: Tx) => Promise<boolean>) =>
    applyClaimed(prisma, consequences, change, (tx) => writeConsequences(tx, incidentId, consequences));
  const incidentOf = async (documentId: number) =>
    (await prisma.document.findUnique({ where: { id: documentId }, select: { incidentId: true } }))?.incidentId ?? 0;

  return {
    async incidentsToPlan(limit) {
      const rows = await prisma.incident.findMany({
        where: { followUpsPlannedAt: null, resolvedAt: { not: null } },
        orderBy: { resolvedAt: 'asc' },
        take: limit,
      });
      return rows.map(toIncident);
    },
    planFollowUps({ incidentId, deadlines }, consequences) {
      return apply(incidentId, consequences, async (tx) => {
        // The claim: one tick, in one process, plans an incident's follow-ups.
        const { count } = await tx.incident.updateMany({
          where: { id: incidentId, followUpsPlannedAt: null },
          data: { followUpsPlannedAt: consequences.at },
        });
        if (count === 0) return false;
        for (const d of deadlines) {
          const row = await tx.followUpDeadline.create({
            data: {
              incidentId,
              kind: d.kind,
              customerId: d.customerId,
              dueAt: d.dueAt,
              isBusinessDays: d.isBusinessDays,
            },
          });
          await tx.deadlineReminder.createMany({
            data: d.reminders.map((r) => ({ deadlineId: row.id, kind: r.kind, dueAt: r.dueAt })),
          });
        }
        return true;
      });
    },
    async deadlines(incidentId) {
      return (
        await prisma.followUpDeadline.findMany({ where: { incidentId }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] })
      ).map(toDeadline);
    },
    async reminders(deadlineId) {
      return (
        await prisma.deadlineReminder.findMany({ where: { deadlineId }, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }] })
      ).map(toReminder);
    },
    async dueReminders(now, limit) {
      const rows = await prisma.deadlineReminder.findMany({
        where: { state: 'pending', dueAt: { lte: now } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: limit,
        include: { deadline: true },
      });
      return rows.map((r) => ({ reminder: toReminder(r), deadline: toDeadline(r.deadline) }));
    },
    async fireReminder(reminderId, at, decide) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.deadlineReminder.updateMany({
          where: { id: reminderId, state: 'pending' },
          data: { state: 'done', firedAt: at },
        });
        if (count === 0) return false;
        const reminder = await tx.deadlineReminder.findUniqueOrThrow({
          where: { id: reminderId },
          include: { deadline: true },
        });
        const decision = decide(toDeadline(reminder.deadline));
        if (decision.state === 'skipped')
          await tx.deadlineReminder.update({ where: { id: reminderId }, data: { state: 'skipped' } });
        if (decision.next) {
          // The unique (deadline, kind) makes a second insert of the same overdue reminder a no-op.
          const exists = await tx.deadlineReminder.findUnique({
            where: { deadlineId_kind: { deadlineId: reminder.deadlineId, kind: decision.next.kind } },
          });
          if (!exists)
            await tx.deadlineReminder.create({
              data: { deadlineId: reminder.deadlineId, kind: decision.next.kind, dueAt: decision.next.dueAt },
            });
        }
        await writeConsequences(tx, reminder.deadline.incidentId, { ...decision.consequences, at });
        return true;
      });
    },
    async get(id) {
      const row = await prisma.document.findUnique({ where: { id } });
      return row ? toDocument(row) : undefined;
    },
    async find(incidentId, kind, customerId) {
      const row = await prisma.document.findUnique({
        where: { incidentId_kind_customerId: { incidentId, kind, customerId } },
      });
      return row ? toDocument(row) : undefined;
    },
    async createDraft(draft, consequencesFor) {
      const existing = await this.find(draft.incidentId, draft.kind, draft.customerId);
      if (existing) return { document: existing, isNew: false };
      try {
        return await prisma.$transaction(async (tx) => {
          const row = await tx.document.create({
            data: {
              incidentId: draft.incidentId,
              kind: draft.kind,
              customerId: draft.customerId,
              markdown: draft.markdown,
              sections: JSON.stringify(draft.sections),
              createdAt: draft.at,
              updatedAt: draft.at,
              editedBy: draft.by,
            },
          });
          const document = toDocument(row);
          await writeConsequences(tx, draft.incidentId, consequencesFor(document));
          return { document, isNew: true };
        });
      } catch (error) {
        // Two clicks at once: the unique (incident, kind, customer) lets one create it.
        if ((error as { code?: string }).code !== 'P2002') throw error;
        return {
          document: (await this.find(draft.incidentId, draft.kind, draft.customerId)) as StoredDocument,
          isNew: false,
        };
      }
    },
    async saveRevision({ id, fromRevision, markdown, sections, by }, consequences) {
      return apply(await incidentOf(id), consequences, async (tx) => {
        const { count } = await tx.document.updateMany({
          where: { id, revision: fromRevision, state: { in: ['draft', 'approved'] } },
          data: {
            markdown,
            sections: JSON.stringify(sections),
            revision: fromRevision + 1,
            state: 'draft',
            editedBy: by,
            updatedAt: consequences.at,
            approvedBy: null,
            approvedAt: null,
          },
        });
        return count === 1;
      });
    },
    async approve({ id, revision, by, meetsDeadline }, consequences) {
      return apply(await incidentOf(id), consequences, async (tx) => {
        const { count } = await tx.document.updateMany({
          where: { id, revision, state: 'draft' },
          data: { state: 'approved', approvedBy: by, approvedAt: consequences.at, updatedAt: consequences.at },
        });
        if (count === 0) return false;
        if (meetsDeadline) await meetDeadline(tx, id, consequences.at);
        return true;
      });
    },
    async markSent({ id, revision, by }, consequences) {
      return apply(await incidentOf(id), consequences, async (tx) => {
        const { count } = await tx.document.updateMany({
          where: { id, revision, state: 'approved' },
          data: { state: 'sent', sentBy: by, sentAt: consequences.at, updatedAt: consequences.at },
        });
        if (count === 0) return false;
        await meetDeadline(tx, id, consequences.at);
        return true;
      });
    },
  };
}

/** Closes the follow-up deadline the document answers (same incident, kind and customer). */
async function meetDeadline(tx: Tx, documentId: number, at: Date): Promise<void> {
  const doc = await tx.document.findUniqueOrThrow({
    where: { id: documentId },
    select: { incidentId: true, kind: true, customerId: true },
  });
  await tx.followUpDeadline.updateMany({
    where: { incidentId: doc.incidentId, kind: doc.kind, customerId: doc.customerId, state: 'open' },
    data: { state: 'met', metAt: at },
  });
}
