import type { FollowUpKind, PlannedReminder } from '../domain/follow-ups/index.ts';
import type { Severity, Tier } from '../domain/types.ts';
import type { OutboxEffect } from './ports.ts';

/** A ticket still waiting for its first response. */
export interface OpenTicketDue {
  id: number;
  customerId: string;
  tier: Tier;
  severity: Severity;
  filedAt: Date;
  firstResponseDueAt: Date;
}

/** A follow-up deadline not yet met, with the incident it counts from. */
export interface OpenFollowUpDue {
  id: number;
  kind: FollowUpKind;
  /** '' for the internal post-mortem. */
  customerId: string;
  dueAt: Date;
  incident: {
    id: number;
    severity: Severity;
    customerId: string | null;
    components: readonly string[];
    startedAt: Date;
    resolvedAt: Date;
  };
}

/** A due time the new terms recompute; `isMoved` false records on the timeline why it stayed. */
export interface DueTimeChange {
  from: Date;
  to: Date;
  isMoved: boolean;
  /** Timeline text: what moved, from when to when, and why. */
  text: string;
  reasons: string[];
}

export type TicketDueChange = DueTimeChange & { ticketId: number };
/** `reminders` replace the deadline's pending ones when it moves. */
export type FollowUpDueChange = DueTimeChange & {
  deadlineId: number;
  incidentId: number;
  reminders: PlannedReminder[];
};

export interface DueTimeStore {
  latestTerms(): Promise<{ version: number; content: string } | undefined>;
  openTickets(): Promise<OpenTicketDue[]>;
  openFollowUps(): Promise<OpenFollowUpDue[]>;
  /**
   * One transaction: stores terms version `version` and applies every change (a moved ticket's due
   * time and pending deadline, a card refresh; a moved follow-up's due time and its pending
   * reminders replaced by `reminders`; a timeline line for each change). False, with nothing
   * written, when another process stored that version first: it did the recompute.
   */
  recordTerms(
    terms: { version: number; content: string; changes: string[]; at: Date },
    changes: { tickets: TicketDueChange[]; followUps: FollowUpDueChange[]; effects: OutboxEffect[] },
  ): Promise<boolean>;
}
