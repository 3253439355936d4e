import type { ImpactAnswers } from './impact-answers.ts';
import type { Severity, Tier } from './types.ts';

export const TICKET_SOURCES = ['mention', 'support-channel', 'modal', 'command', 'shortcut'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];
export type TicketStatus = 'open' | 'acknowledged' | 'resolved';

export interface TicketSignal {
  id: string;
  label: string;
  matched: string;
}

export interface Ticket {
  id: number;
  customerId: string;
  tier: Tier;
  channelId: string;
  /** The customer-visible thread; null until the bot's first post anchors it (modal filings). */
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
  /** The classifier's severity, kept when a responder or the customer changes it (null: not known). */
  classifiedSeverity: Severity | null;
  /** Calibrated probability of the classifier's severity (null: filed before the trained model). */
  classificationConfidence: number | null;
  /** S1 was possible but not chosen: on-call is paged at once and the customer asked to confirm. */
  isPossibleS1: boolean;
  /** The customer's latest answer to each impact question. */
  impactAnswers: ImpactAnswers;
  status: TicketStatus;
  filedAt: Date;
  firstResponseDueAt: Date;
  firstResponseAt: Date | null;
  firstResponseBy: string | null;
  slaBreachedAt: Date | null;
  escalationRequestedAt: Date | null;
}

export interface SeverityChangeRecord {
  fromSeverity: Severity | null;
  toSeverity: Severity;
  actorUserId: string;
  reason: string;
  at: Date;
}

/** Where a labelled example of a ticket's severity came from. */
export type SeverityExampleSource = 'reclassification' | 'confirmation';

/** A ticket's text with the severity a responder or the customer gave it, for training the model. */
export interface SeverityExample {
  text: string;
  severity: Severity;
  source: SeverityExampleSource;
  ticketId: number;
  actorUserId: string;
  createdAt: Date;
}

/** The text the classifier reads: the summary the reporter wrote (if any), the description and the impact. */
export function classifiedText(parts: { summary?: string | null; text: string; impact?: string | null }): string {
  return [parts.summary, parts.text, parts.impact].filter(Boolean).join('\n');
}

/**
 * The text a ticket was classified on. Only the ticket modal asks for a summary; every other
 * source cuts its summary from the description, and the classifier never saw it twice.
 */
export function classifiedTextOf(ticket: Pick<Ticket, 'source' | 'summary' | 'description' | 'impact'>): string {
  return classifiedText({
    summary: ticket.source === 'modal' ? ticket.summary : null,
    text: ticket.description,
    impact: ticket.impact,
  });
}

/** The reference people read and type: TPL-42. */
export function ticketRef(id: number): string {
  return `TPL-${id}`;
}

export function parseTicketRef(text: string): number | undefined {
  const match = /^(?:TPL-)?(\d{1,9})$/i.exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** A summary line from free text: the first sentence or line, trimmed to `max` characters. */
export function summarise(text: string, max: number): string {
  const firstLine = text.trim().split(/\n+/)[0] ?? '';
  const sentence = /^(.{12,}?[.!?])\s/.exec(firstLine)?.[1] ?? firstLine;
  return sentence.length <= max ? sentence : `${sentence.slice(0, max - 1).trimEnd()}…`;
}
