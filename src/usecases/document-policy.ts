import type { BusinessCalendar } from '../domain/calendar/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { DocumentModel, PublicUpdate } from '../domain/documents/index.ts';
import { isCustomerFacing, type FollowUpKind, type FollowUpTerms } from '../domain/follow-ups/index.ts';
import type { Severity } from '../domain/types.ts';

/** A customer as the follow-up use cases see it: the directory entry plus its contacts and calendar. */
export interface FollowUpCustomer extends Customer {
  successManager: string | undefined;
  calendar: BusinessCalendar;
}

/** What the document and deadline use cases need from the config, resolved once at start. */
export interface DocumentPolicy {
  customers: readonly FollowUpCustomer[];
  ourTeamId: string;
  triageChannelId: string;
  responderIds: ReadonlySet<string>;
  approverIds: ReadonlySet<string>;
  engineeringManagers: readonly string[];
  terms: FollowUpTerms;
  severities: readonly Severity[];
  /** Zone of internal documents and reminders (the status page's zone). */
  internalTimeZone: string;
  componentName: (id: string) => string;
  render: (model: DocumentModel) => string;
  /** The incident's public status updates, once the status page records them. */
  statusUpdates: (incidentId: number) => Promise<PublicUpdate[]>;
}

export const customerById = (policy: DocumentPolicy, id: string): FollowUpCustomer | undefined =>
  policy.customers.find((c) => c.id === id);

export interface Actor {
  id: string;
  teamId: string | undefined;
}

export type Permission = 'edit' | 'approve' | 'send';

/**
 * Who may do what with a document. Only people of our own organisation, ever. Customer-facing
 * documents: the customer's success owner and the configured approvers edit, approve and send;
 * responders may also draft and edit them. The internal post-mortem: responders and approvers
 * edit and approve it; it is never sent.
 */
export function refusalFor(
  policy: DocumentPolicy,
  actor: Actor,
  doc: { kind: FollowUpKind; customerId: string },
  permission: Permission,
): string | undefined {
  if (actor.teamId !== policy.ourTeamId)
    return 'Only our own team can work on post-incident documents. Nothing was changed.';
  const isApprover = policy.approverIds.has(actor.id);
  const isResponder = policy.responderIds.has(actor.id);
  if (!isCustomerFacing(doc.kind)) {
    if (permission === 'send')
      return 'The post-mortem is internal: it is never sent to a customer. Send its executive summary instead.';
    return isApprover || isResponder
      ? undefined
      : 'Only responders and document approvers can edit or approve the post-mortem. Nothing was changed.';
  }
  const isOwner = customerById(policy, doc.customerId)?.successOwner === actor.id;
  if (isOwner || isApprover) return undefined;
  if (permission === 'edit' && isResponder) return undefined;
  return "Only the customer's success owner or a document approver can approve or send customer documents. Nothing was changed.";
}
