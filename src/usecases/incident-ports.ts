import type { Incident } from '../domain/incident.ts';
import type { FrozenPlan } from '../domain/runbook/index.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { Severity } from '../domain/types.ts';
import type { OutboxEffect } from './ports.ts';
import type { StatusIncidentRecord, StatusPublication } from './status-ports.ts';

import type { ComponentState } from '../domain/uptime/index.ts';
export type { ComponentState } from '../domain/uptime/index.ts';

/** One line of the incident timeline: a step, page, ack, status change or message. */
export interface IncidentEventNote {
  kind: string;
  actor: string;
  text: string;
  detail?: Record<string, unknown>;
}

/** Everything one decision writes, atomically with the state change that caused it. */
export interface IncidentConsequences {
  at: Date;
  /** The inbox entry that caused this; the write is refused when it was already applied. */
  causeInboxId?: number;
  events?: IncidentEventNote[];
  effects?: OutboxEffect[];
  statusChanges?: { componentId: string; state: ComponentState; source: string }[];
  /**
   * The ticket change this decision brought the incident in line with: its sync flag is cleared if the ticket still
   * reads so.
   */
  syncedTicket?: { id: number; severity: Severity; status: string };
  /**
   * A public status update, decided inside the transaction from the incident's status incident as
   * it is then (undefined: none yet), so a concurrent publication cannot be missed. Components it
   * sets are not written a second time from `statusChanges`.
   */
  statusUpdate?: (
    current: CurrentStatusIncident | undefined,
  ) => Omit<StatusPublication, 'at' | 'causeInboxId'> | undefined;
}

export type CurrentStatusIncident = Pick<StatusIncidentRecord, 'id' | 'name' | 'status' | 'components' | 'resolvedAt'>;

/** What starting an incident needs; the rest of `Incident` starts empty. */
export type NewIncident = Pick<
  Incident,
  'ticketId' | 'source' | 'customerId' | 'severity' | 'title' | 'components' | 'startedAt' | 'alertFingerprint' | 'plan'
>;

export interface StepRow {
  rowId: number;
  incidentId: number;
  planVersion: number;
  stepId: string;
  dueAt: Date | null;
  state: 'waiting' | 'pending' | 'done' | 'skipped' | 'cancelled';
}

/** What running a step decided: fired or skipped (its condition no longer held), and what follows. */
export interface StepDecision {
  state: 'done' | 'skipped';
  outcome: string;
  consequences: Omit<IncidentConsequences, 'at' | 'causeInboxId'>;
}

export interface StepContext {
  incident: Incident;
  ticket: Ticket | undefined;
  /** Step ids of this incident that have run (state done). */
  ranSteps: Set<string>;
}

/** An open incident with an open public incident: what the stale-status reminder decides from. */
export interface StatusWatch {
  incidentId: number;
  severity: Severity;
  channelId: string | null;
  commanderId: string | null;
  lastUpdateAt: Date;
  remindedAt: Date | null;
}

/** Incident roles and the stale-status reminder. */
export interface IncidentRoleStore {
  /** The incident whose channel this is (the newest, should a channel ever be reused). */
  byChannel(channelId: string): Promise<Incident | undefined>;
  /** Sets the role; false when the cause was already applied or the incident is resolved (nothing written). */
  setRole(
    args: { incidentId: number; role: 'commander' | 'comms'; userId: string },
    consequences: IncidentConsequences,
  ): Promise<boolean>;
  statusWatch(): Promise<StatusWatch[]>;
  /**
   * Claims one reminder: the incident's last reminder time moves from `previous` to the
   * consequences' time, if it still reads `previous` and the incident is open; false otherwise.
   */
  claimStatusReminder(
    args: { incidentId: number; previous: Date | null },
    consequences: IncidentConsequences,
  ): Promise<boolean>;
}

export interface IncidentStore extends IncidentRoleStore {
  /**
   * Tickets changed since the incident sweep last looked (new, reclassified, acknowledged), each with its incident if
   * it has one.
   */
  ticketsToSync(limit: number): Promise<{ ticket: Ticket; incident: Incident | undefined }[]>;
  /** Clears a ticket's sync flag if it still has this severity and status (a newer change keeps it set). */
  markSynced(ticket: { id: number; severity: Severity; status: string }): Promise<void>;
  /**
   * Creates the incident and its planned steps (a step without a due time waits for its anchor)
   * in one transaction; resolves undefined when the ticket already has an incident.
   */
  start(
    incident: NewIncident,
    steps: { stepId: string; dueAt: Date | undefined }[],
    consequences: (incident: Incident) => IncidentConsequences,
  ): Promise<Incident | undefined>;
  get(id: number): Promise<Incident | undefined>;
  byTicket(ticketId: number): Promise<Incident | undefined>;
  openByFingerprint(fingerprint: string): Promise<Incident | undefined>;
  steps(incidentId: number): Promise<StepRow[]>;
  /**
   * What a batch of due steps is decided with, read in one go rather than three reads a step: each
   * incident, its ticket and the ids of the steps it has already run. (The incident is read again
   * inside each step's transaction; this copy only finds the ticket and the channel.)
   */
  stepContexts(incidentIds: readonly number[]): Promise<Map<number, StepContext>>;
  /**
   * Records the acknowledgement and schedules the steps anchored on it; resolves false when the
   * incident was already acknowledged or resolved (nothing is written then).
   */
  acknowledge(
    args: {
      incidentId: number;
      by: string;
      at: Date;
      anchoredDues: { stepId: string; dueAt: Date }[];
      alsoTicket: boolean;
    },
    consequences: IncidentConsequences,
  ): Promise<boolean>;
  /** Resolves the incident (and its ticket), cancels its open steps; false when it already was. */
  resolve(
    args: {
      incidentId: number;
      by: string;
      at: Date;
      summary: string;
      isUpstreamCause: boolean;
      isCustomerCaused: boolean;
      upstreamProvider: string | null;
      anchoredDues: { stepId: string; dueAt: Date }[];
    },
    consequences: IncidentConsequences,
  ): Promise<boolean>;
  /**
   * Swaps the plan: cancels `cancel`, adds `schedule` under a new plan version. Steps that already
   * ran are kept. Resolves false when the incident changed meanwhile (its plan version moved on).
   */
  replan(
    args: {
      incidentId: number;
      fromVersion: number;
      severity: Severity;
      plan: FrozenPlan;
      schedule: { stepId: string; dueAt: Date | undefined }[];
      cancel: string[];
    },
    consequences: IncidentConsequences,
  ): Promise<boolean>;
  /** Pending steps due at or before `now`, earliest first. */
  dueSteps(now: Date, limit: number): Promise<StepRow[]>;
  /** The earliest pending step whose action is `action`, for "Escalate now". */
  nextPendingStep(incidentId: number, actions: string[]): Promise<StepRow | undefined>;
  /** Moves a pending step's due time (never later than it was). */
  bringForward(rowId: number, dueAt: Date): Promise<boolean>;
  /**
   * Claims the steps (each of a different incident) with one conditional update (pending →
   * done/skipped) and writes what each `decide` returns, all in one transaction; resolves to the
   * row ids it claimed (a step another tick or process claimed first is left out).
   */
  completeSteps(
    steps: readonly { step: StepRow; decide: (incident: Incident) => StepDecision }[],
    at: Date,
  ): Promise<Set<number>>;
  /** Writes the consequences; false when their cause was already applied (a replay: nothing written). */
  record(incidentId: number, consequences: IncidentConsequences): Promise<boolean>;
  markEngaged(incidentId: number, at: Date): Promise<boolean>;
  setChannel(incidentId: number, channelId: string): Promise<void>;
  timeline(incidentId: number): Promise<(IncidentEventNote & { at: Date })[]>;
}
