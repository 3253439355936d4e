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
