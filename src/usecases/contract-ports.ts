import type {
  ContractIncident,
  MaintenanceWindow,
  RcaDeadline,
  ReportClaim,
  ReportTicket,
  ReportTrigger,
} from '../domain/contract/index.ts';
import type { Severity } from '../domain/types.ts';
import type { OutboxEffect } from './ports.ts';

export interface NewTrigger {
  /** Unique: the same trigger is never fired twice (s1-count:acme:17, uptime:acme:2026-10, rca-late:acme:17). */
  key: string;
  customerId: string;
  kind: 's1-count' | 'uptime' | 'rca-late';
  evidence: Record<string, unknown>;
  firedAt: Date;
}

/** What contract tracking reads (incidents, maintenance, follow-up deadlines, tickets) and the triggers it fires. */
export interface ContractStore {
  /**
   * Incidents that started before `to` and were not resolved before `from` (open ones included), optionally of one
   * severity.
   */
  incidentsOverlapping(from: Date, to: Date, severity?: Severity): Promise<ContractIncident[]>;
  /**
   * A value that changes whenever an incident is opened, re-planned (reclassified) or resolved, or a
   * maintenance is announced or moved: the S1-count and uptime judgements can only change then.
   */
  incidentsStamp(): Promise<string>;
  incident(id: number): Promise<ContractIncident | undefined>;
  /** Scheduled maintenances whose window overlaps [from, to). */
  maintenances(from: Date, to: Date): Promise<MaintenanceWindow[]>;
  /**
   * RCA deadlines of S1 incidents that may be late at `now`: open and past due, or sent in the
   * last `sentWithinDays` days (an RCA sent late trips the trigger when it is sent).
   */
  lateRcaCandidates(now: Date, sentWithinDays: number): Promise<RcaDeadline[]>;
  /** The customer's RCA deadlines for these incidents (any state). */
  rcaDeadlines(customerId: string, incidentIds: number[]): Promise<RcaDeadline[]>;
  ticketsFiled(customerId: string, from: Date, to: Date): Promise<ReportTicket[]>;
  /**
   * Triggers fired in [from, to), and those named in `alsoKeys` whenever they fired (a month's uptime trigger fires
   * after it).
   */
  triggersFired(customerId: string, from: Date, to: Date, alsoKeys?: string[]): Promise<ReportTrigger[]>;
  /** Which of these trigger keys already fired. */
  firedKeys(keys: string[]): Promise<Set<string>>;
  /**
   * Records the trigger and writes its alerts in one transaction. Resolves false when a trigger
   * with this key already fired (nothing is written): safe to call every minute.
   */
  fireTrigger(trigger: NewTrigger, effects: OutboxEffect[]): Promise<boolean>;
  /** Resolved incidents with no error-budget line on their timeline yet, oldest first. */
  resolvedWithoutBudgetLine(limit: number): Promise<ContractIncident[]>;
  /** Adds the error-budget line unless the incident already has one (two sweeps write it once). */
  addBudgetLine(
    incidentId: number,
    line: { at: Date; text: string; detail: Record<string, unknown> },
  ): Promise<boolean>;
}

export interface CreditClaimRecord extends ReportClaim {
  customerId: string;
  month: string;
  requestedBy: string;
  uptimePercent: number;
  currency: string | null;
  note: string | null;
  channelId: string;
  decidedBy: string | null;
}

export type NewCreditClaim = Omit<CreditClaimRecord, 'id' | 'state' | 'decidedAt' | 'decidedBy' | 'appliedCycle'> & {
  inboxKey: string;
};

export interface CreditClaimStore {
  /** The customer's earlier claim for this incident, if any (whatever its state). */
  find(customerId: string, incidentId: number): Promise<CreditClaimRecord | undefined>;
  get(id: number): Promise<CreditClaimRecord | undefined>;
  forMonth(customerId: string, month: string): Promise<CreditClaimRecord[]>;
  /**
   * Stores the claim, claims the inbox entry and writes `effects(claimId)` in one transaction.
   * Resolves undefined when the entry was already applied or the customer already claimed this
   * incident (nothing written).
   */
  create(
    claim: NewCreditClaim,
    args: { causeInboxId: number; effects: (claimId: number) => OutboxEffect[] },
  ): Promise<number | undefined>;
  /**
   * pending → approved/rejected, with the figures recomputed at the decision and the effects, in
   * one transaction; false when already decided or the inbox entry was already applied.
   */
  decide(args: {
    id: number;
    state: 'approved' | 'rejected';
    by: string;
    at: Date;
    appliedCycle: string | null;
    causeInboxId: number;
    effects: OutboxEffect[];
    figures: { uptimePercent: number; creditPercent: number; creditAmount: number | null };
  }): Promise<boolean>;
}
