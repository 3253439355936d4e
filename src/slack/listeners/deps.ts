import type { WebClient } from '@slack/web-api';
import type { Logger } from 'pino';
import type { CustomerDirectory } from '../../domain/customer-directory.ts';
import type { Severity } from '../../domain/types.ts';
import type { Clock, TicketStore } from '../../usecases/ports.ts';
import type { IntakePolicy } from '../../usecases/intake-policy.ts';
import type { IncidentStore } from '../../usecases/incident-ports.ts';
import type { IncidentPolicy } from '../../usecases/incident-policy.ts';
import type { StatusStore } from '../../usecases/status-ports.ts';
import type { StatusPolicy } from '../../usecases/status-policy.ts';
import type { ContractStore, CreditClaimStore } from '../../usecases/contract-ports.ts';
import type { ContractPolicy } from '../../usecases/contract-policy.ts';
import type { DocumentStore } from '../../usecases/document-ports.ts';
import type { DocumentPolicy } from '../../usecases/document-policy.ts';

/** What listeners need: use-case collaborators and the configured directory. */
export interface ListenerDeps {
  tickets: TicketStore;
  incidents: IncidentStore;
  incidentPolicy: IncidentPolicy;
  clock: Clock;
  policy: IntakePolicy;
  directory: CustomerDirectory;
  responderIds: ReadonlySet<string>;
  botUserId: string;
  components: { id: string; name: string }[];
  meaning: (s: Severity) => string;
  logger: Logger;
  /** The public status page: "Update status" and maintenance. */
  statuses: StatusStore;
  statusPolicy: StatusPolicy;
  /** Wakes the outbox dispatcher after a commit. */
  onCommitted: () => void;
  /** Service credit claims; without it the credit button and modal are not handled. */
  contracts?: { store: ContractStore; claims: CreditClaimStore; policy: ContractPolicy };
  /** Responders by user group: a subteam_members_changed event asks for a new lookup. */
  responderGroups?: { isWatched(groupId: string): boolean; requestRefresh(): void };
  /** The App Home; without it app_home_opened is ignored. */
  home?: { opened(userId: string): Promise<void> };
  /** Post-incident documents; without it the Draft / Edit / Approve / Send buttons are not handled. */
  documents?: { store: DocumentStore; policy: DocumentPolicy };
}

export function inboxOf(context: Record<string, unknown>): { inboxId: number; inboxKey: string } {
  const { inboxId, inboxKey } = context;
  if (typeof inboxId !== 'number' || typeof inboxKey !== 'string')
    throw new Error('request did not come through the inbox');
  return { inboxId, inboxKey };
}

/**
 * Ephemeral refusals and hints are sent straight away, best effort: they change no state, and a
 * refusal delivered minutes later, after an outage, would only confuse.
 */
export async function tellUser(
  client: WebClient,
  logger: Logger,
  { channel, user, text, threadTs }: { channel: string; user: string; text: string; threadTs?: string },
): Promise<void> {
  try {
    await client.chat.postEphemeral({ channel, user, text, ...(threadTs ? { thread_ts: threadTs } : {}) });
  } catch (error) {
    logger.warn({ err: error, channel, user }, 'could not send an ephemeral message');
  }
}

export const REFUSAL = {
  unknownChannel:
    'This channel is not connected to a tplus support plan, so no ticket was opened. Ask your account team to add it, or write to your usual support channel.',
  stranger:
    'Only members of the customer organisation this channel belongs to (or our own team) can open tickets here. No ticket was opened.',
  notResponder: 'Only on-call responders can do that. Nothing was changed.',
  emptyMention:
    'Tell me what is wrong after mentioning me (for example: “@tplus exports fail with a 500 since 9:00”), or press *Open a ticket*. No ticket was opened.',
  unknownTicket: 'That ticket does not exist (any more). Nothing was changed.',
} as const;
