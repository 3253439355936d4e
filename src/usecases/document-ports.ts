import type { Incident } from '../domain/incident.ts';
import type { FollowUpKind, PlannedReminder } from '../domain/follow-ups/index.ts';
import type { IncidentEventNote } from './incident-ports.ts';
import type { OutboxEffect } from './ports.ts';

export type DocumentState = 'draft' | 'approved' | 'sent';

export interface StoredDocument {
  id: number;
  incidentId: number;
  kind: FollowUpKind;
  /** "" for the internal post-mortem. */
  customerId: string;
  markdown: string;
  sections: Record<string, string>;
  state: DocumentState;
  revision: number;
  createdAt: Date;
  updatedAt: Date;
  editedBy: string | null;
  approvedBy: string | null;
  approvedAt: Date | null;
  sentBy: string | null;
  sentAt: Date | null;
}

export interface FollowUpDeadlineRecord {
  id: number;
  incidentId: number;
  kind: FollowUpKind;
  customerId: string;
  dueAt: Date;
  isBusinessDays: boolean;
  state: 'open' | 'met';
  metAt: Date | null;
}

export interface ReminderRecord {
  id: number;
  deadlineId: number;
  kind: string;
  dueAt: Date;
  state: 'pending' | 'done' | 'skipped';
  firedAt: Date | null;
}

/** What a document decision writes with it, atomically: timeline lines on the incident and outbox effects. */
export interface DocumentConsequences {
  at: Date;
  /** The inbox entry that caused this; the write is refused when it was already applied. */
  causeInboxId?: number;
  events?: IncidentEventNote[];
  effects?: OutboxEffect[];
}

export interface DocumentStore {
  /** Resolved incidents whose follow-ups were not planned yet (of any severity), oldest resolution first. */
  incidentsToPlan(limit: number): Promise<Incident[]>;
  /**
   * Writes the deadlines with their reminders and marks the incident planned, in one transaction;
   * false when another tick or process planned it first (nothing is written then).
   */
  planFollowUps(
    args: {
      incidentId: number;
      deadlines: {
        kind: FollowUpKind;
        customerId: string;
        dueAt: Date;
        isBusinessDays: boolean;
        reminders: PlannedReminder[];
      }[];
    },
    consequences: DocumentConsequences,
  ): Promise<boolean>;
  deadlines(incidentId: number): Promise<FollowUpDeadlineRecord[]>;
  reminders(deadlineId: number): Promise<ReminderRecord[]>;
  /** Pending reminders due at or before `now`, earliest first, with their deadline. */
  dueReminders(now: Date, limit: number): Promise<{ reminder: ReminderRecord; deadline: FollowUpDeadlineRecord }[]>;
  /**
   * Claims the reminder (pending → done or skipped, decided from the deadline as it is inside the
   * transaction) and writes the decision's effects and next reminder with it; false when another
   * tick or process claimed it.
   */
  fireReminder(
    reminderId: number,
    at: Date,
    decide: (deadline: FollowUpDeadlineRecord) => {
      state: 'done' | 'skipped';
      next?: PlannedReminder;
      consequences: Omit<DocumentConsequences, 'at' | 'causeInboxId'>;
    },
  ): Promise<boolean>;
  get(id: number): Promise<StoredDocument | undefined>;
  find(incidentId: number, kind: FollowUpKind, customerId: string): Promise<StoredDocument | undefined>;
  /** Creates the draft; resolves the existing document instead (and writes nothing) when there already is one. */
  createDraft(
    draft: {
      incidentId: number;
      kind: FollowUpKind;
      customerId: string;
      markdown: string;
      sections: Record<string, string>;
      by: string;
      at: Date;
    },
    consequences: (doc: StoredDocument) => DocumentConsequences,
  ): Promise<{ document: StoredDocument; isNew: boolean }>;
  /** A new revision (back to draft) if the document is still at `fromRevision` and not sent; false otherwise. */
  saveRevision(
    args: { id: number; fromRevision: number; markdown: string; sections: Record<string, string>; by: string },
    consequences: DocumentConsequences,
  ): Promise<boolean>;
  /**
   * draft → approved at `revision`; `meetsDeadline` closes the document's follow-up deadline too (the internal
   * post-mortem).
   */
  approve(
    args: { id: number; revision: number; by: string; meetsDeadline: boolean },
    consequences: DocumentConsequences,
  ): Promise<boolean>;
  /**
   * approved → sent at `revision`, records sentAt and meets the matching follow-up deadline, with the posts, in one
   * transaction.
   */
  markSent(args: { id: number; revision: number; by: string }, consequences: DocumentConsequences): Promise<boolean>;
}
