import type { ImpactAnswer, ImpactQuestion } from '../domain/impact-answers.ts';
import type { SeverityChangeRecord, SeverityExample, Ticket, TicketSource, TicketSignal } from '../domain/ticket.ts';
import type { Severity, Tier } from '../domain/types.ts';

/** The only source of "now" for use cases and the engine. */
export interface Clock {
  now(): Date;
}

export type InboxSource = 'slack' | 'pagerduty' | 'alerts';
export type InboxKind = 'event' | 'interaction' | 'command';

export interface NewInboxEntry {
  source: InboxSource;
  dedupeKey: string;
  kind: InboxKind;
  body: string;
  receivedAt: Date;
  retryNum: number;
}

export interface InboxEntry extends NewInboxEntry {
  id: number;
  state: 'pending' | 'done' | 'failed';
  attempts: number;
}

export interface InboxLease {
  owner: string;
  now: Date;
  until: Date;
}

export interface InboxStore {
  /**
   * Commits the entry durably. Resolves isDuplicate when the dedupe key is known (a provider
   * retry): the caller acks it and does nothing else. Rejects only when the database refuses,
   * in which case the request must not be acknowledged.
   */
  append(entry: NewInboxEntry): Promise<{ isDuplicate: true } | { isDuplicate: false; entry: InboxEntry }>;
  /**
   * Leases up to `limit` pending entries, oldest first, to this process (`lease.owner`) until
   * `lease.until` (wall clock): entries another process holds a running lease on are not returned,
   * ours are (we may retry our own). A process that dies leaves its entries to the others once its
   * leases run out.
   */
  claimPending(limit: number, lease: InboxLease): Promise<InboxEntry[]>;
  /** Leases one pending entry (an interaction answered inline); false if another process holds it. */
  claim(id: number, lease: InboxLease): Promise<boolean>;
  get(id: number): Promise<InboxEntry | undefined>;
  /** Idempotent: marks a pending entry done; an entry already done is left as it is. */
  markDone(id: number, outcome: string, at: Date): Promise<void>;
  recordFailure(id: number, error: string, opts: { isFinal: boolean; at: Date }): Promise<void>;
  counts(): Promise<Record<string, number>>;
}

/** Outbound effects, written with the state change that caused them and delivered later. */
export type OutboxRef = { key: string };
/** What to say, rendered by the chat adapter at delivery time from the ticket's current state. */
export type MessageView =
  | 'customer-ack'
  | 'ticket-card'
  | 'first-response'
  | 'severity-changed'
  | 'sla-breached'
  | 'escalation-requested'
  | 'open-ticket-prompt'
  /** Text composed (and escaped) when the decision was made: runbook notices, escalations. */
  | 'text'
  /** The triage card of an incident without a ticket (declared, or opened by an alert). */
  | 'incident-card'
  /** The pinned summary in an incident channel, rendered from the incident as it is at delivery. */
  | 'incident-summary'
  /** A public status update in a customer's channel: plain parts, escaped by the view. */
  | 'status-update'
  /** A service credit claim for its reviewer, with Approve / Reject; the customer's note is escaped by the view. */
  | 'credit-claim'
  /**
   * Post-incident documents: the follow-up card, a document's card, a part of a sent document
   * (slack/views/document-messages.ts).
   */
  | 'follow-up-card'
  | 'document-card'
  | 'document-part';
export interface MessageSpec {
  view: MessageView;
  ticketId?: number;
  data?: Record<string, string | number | boolean | null>;
}
export type OutboxEffect =
  | {
      kind: 'slack.post';
      key: string;
      channel: string;
      message: MessageSpec;
      threadTs?: string;
      /** Post in the thread of another outbox post (its ts is known only once delivered). */
      threadOf?: OutboxRef;
      /** Post into the channel another outbox item created (an incident channel). */
      channelOf?: OutboxRef;
      /** On delivery, this post's ts becomes the ticket's customer thread. */
      anchorsTicketId?: number;
    }
  | { kind: 'slack.update'; key: string; target: OutboxRef; message: MessageSpec }
  | { kind: 'slack.pin'; key: string; target: OutboxRef }
  /** Brings one person into a channel (or the channel `channelOf` created); already there counts as done. */
  | { kind: 'slack.invite'; key: string; user: string; channel: string; channelOf?: OutboxRef }
  /** Publishes one user's App Home, rendered at delivery from the state then (key `home:<user>:<n>`). */
  | { kind: 'slack.publish-home'; key: string; userId: string }
  /** Creates a channel (a taken name gets a numeric suffix) and invites people; records it on the incident. */
  | { kind: 'slack.create-channel'; key: string; name: string; invite: string[]; incidentId: number }
  | { kind: 'pagerduty.event'; key: string; event: PageEvent }
  /** Mirrors a public update to Statuspage: creates the incident, or patches the one `incidentOf` created. */
  | { kind: 'statuspage.sync'; key: string; pageId: string; incidentOf?: OutboxRef; incident: StatuspageIncident }
  /** A mail to a status subscriber, rendered at delivery: the opt-in confirmation, or one public update. */
  | { kind: 'email.send'; key: string; subscriberId: number; update?: { statusIncidentId: number; updateId: number } }
  /** One public update POSTed to a subscriber's webhook, signed with its secret. */
  | { kind: 'webhook.post'; key: string; subscriberId: number; update: { statusIncidentId: number; updateId: number } };

/** One update in Statuspage's terms; `components` maps Statuspage component ids to their state. */
export interface StatuspageIncident {
  name: string;
  status: string;
  body: string;
  components: Record<string, string>;
  impactOverride: string;
  scheduledFor?: string;
  scheduledUntil?: string;
}

/** A PagerDuty Events v2 event; the dedup key ties trigger, acknowledge and resolve together. */
export type PageEvent =
  | {
      action: 'trigger';
      dedupKey: string;
      summary: string;
      source: string;
      severity: 'critical' | 'error' | 'warning' | 'info';
      component?: string;
      customDetails?: Record<string, unknown>;
    }
  | { action: 'acknowledge' | 'resolve'; dedupKey: string };

export interface TimelineNote {
  kind: string;
  actor: string;
  detail: Record<string, unknown>;
}

export interface NewTicket {
  inboxId: number;
  inboxKey: string;
  customerId: string;
  tier: Tier;
  channelId: string;
  threadTs: string | null;
  source: TicketSource;
  reporterUserId: string;
  reporterTeamId: string;
  isFiledOnBehalf: boolean;
  summary: string;
  description: string;
  impact: string | null;
  component: string | null;
  proposedSeverity: Severity | null;
  severity: Severity;
  classificationReason: string;
  signals: TicketSignal[];
  classificationConfidence: number;
  isPossibleS1: boolean;
  filedAt: Date;
  firstResponseDueAt: Date;
}

/** A severity change with its new first-response due time; `example` is kept for training the model. */
export interface SeverityChange {
  change: SeverityChangeRecord;
  firstResponseDueAt: Date;
  example?: Omit<SeverityExample, 'ticketId' | 'createdAt'>;
}

/** What a customer's impact answer leads to, decided from the ticket with the answer recorded. */
export interface ImpactAnswerDecision {
  /** A raise (or nothing): a customer never lowers a severity. */
  severityChange?: SeverityChange;
  /** A confirmation of the current severity, kept for training without changing the ticket. */
  example?: Omit<SeverityExample, 'ticketId' | 'createdAt'>;
  timeline: TimelineNote[];
  effects: (ticket: Ticket) => OutboxEffect[];
}

/** Effects of one decision, committed atomically with the inbound entry that caused it. */
export interface Consequences {
  at: Date;
  /** The inbox entry that caused this; the write is refused when it was already applied. */
  causeInboxId?: number;
  timeline?: TimelineNote[];
  effects?: (ticket: Ticket) => OutboxEffect[];
}

export interface TicketStore {
  /**
   * Creates the ticket, its first-response deadline, the classifier's severity record, timeline
   * and outbox effects in one transaction, and marks the inbox entry done in it. Resolves
   * undefined when that inbox entry was already applied (a replay after a crash).
   */
  createTicket(ticket: NewTicket, consequences: Consequences): Promise<Ticket | undefined>;
  get(id: number): Promise<Ticket | undefined>;
  findByThread(channelId: string, threadTs: string): Promise<Ticket | undefined>;
  /** Sets the first response if none was recorded; resolves false when one already was. */
  recordFirstResponse(
    args: { ticketId: number; by: string; at: Date; isAcknowledgement: boolean },
    consequences: Consequences,
  ): Promise<boolean>;
  /**
   * Moves the ticket from `change.fromSeverity` to `change.toSeverity` (false when it no longer
   * has the former), its pending first-response deadline, the severity record and the example.
   */
  changeSeverity(args: SeverityChange & { ticketId: number }, consequences: Consequences): Promise<boolean>;
  /**
   * Records a customer's answer (the latest answer to a question replaces the earlier one) and,
   * in the same transaction, what `decide` makes of the ticket read with the answer in it (and as
   * it was before), so two answers arriving together are each judged with the other. Resolves
   * undefined when the cause was already applied (a replay) or the ticket does not exist.
   */
  recordImpactAnswer(
    args: { ticketId: number; question: ImpactQuestion; answer: ImpactAnswer; at: Date; causeInboxId: number },
    decide: (answered: Ticket, before: Ticket) => ImpactAnswerDecision,
  ): Promise<{ ticket: Ticket; decision: ImpactAnswerDecision } | undefined>;
  addComment(
    args: {
      ticketId: number;
      authorUserId: string;
      authorTeamId: string;
      isResponder: boolean;
      text: string;
      messageTs: string;
      at: Date;
    },
    consequences: Consequences,
  ): Promise<boolean>;
  requestEscalation(args: { ticketId: number; by: string; at: Date }, consequences: Consequences): Promise<boolean>;
  setThread(ticketId: number, threadTs: string): Promise<void>;
  severityHistory(ticketId: number): Promise<SeverityChangeRecord[]>;
  timeline(ticketId: number): Promise<(TimelineNote & { at: Date })[]>;
  /**
   * Claims due first-response deadlines with a conditional update (each is claimed once, also
   * across processes), marks them breached and writes their consequences in the same transaction.
   */
  claimDueBreaches(
    now: Date,
    limit: number,
    consequencesFor: (ticket: Ticket, dueAt: Date) => Consequences,
  ): Promise<Ticket[]>;
  addConsequences(consequences: Consequences & { ticketId: number }): Promise<void>;
}

export type { OutboxItem, LeasedOutboxItem, OutboxStore } from './outbox-ports.ts';
