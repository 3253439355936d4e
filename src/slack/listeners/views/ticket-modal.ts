import type { App, ViewSubmitAction } from '@slack/bolt';
import { identifyIntake } from '../../../domain/customer-directory.ts';
import { isSeverity } from '../../../domain/types.ts';
import { fileTicket } from '../../../usecases/file-ticket.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { channelFrom, readValues } from '../../views/modals.ts';
import { inboxOf, REFUSAL, type ListenerDeps } from '../deps.ts';

/** The ticket modal: invalid input is answered in the modal, and nothing is stored. */
export function registerTicketModal(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(VIEW.ticketModal, async ({ ack, body, view, context }) => {
    const values = readValues(view.state.values as never);
    const summary = values[BLOCK.summary]?.trim() ?? '';
    const description = values[BLOCK.description]?.trim() ?? '';
    const proposed = values[BLOCK.proposedSeverity];
    const component = values[BLOCK.component];
    const errors: Record<string, string> = {};
    if (summary.length < 3) errors[BLOCK.summary] = 'Please write a one-line summary (at least 3 characters).';
    if (summary.length > deps.policy.maxSummaryLength)
      errors[BLOCK.summary] = `Keep the summary under ${deps.policy.maxSummaryLength} characters.`;
    if (description.length < 3) errors[BLOCK.description] = 'Please describe what happened.';
    if (proposed !== undefined && !isSeverity(proposed)) errors[BLOCK.proposedSeverity] = 'Choose S1, S2, S3 or S4.';
    const channelId = channelFrom(view.private_metadata);
    const identity = identifyIntake(deps.directory, channelId, body.user.team_id);
    if (!identity.ok)
      errors[BLOCK.summary] = identity.reason === 'unknown-channel' ? REFUSAL.unknownChannel : REFUSAL.stranger;
    else if (component !== undefined && !identity.customer.components.includes(component))
      errors[BLOCK.component] = 'Choose one of the listed components.';
    if (Object.keys(errors).length > 0 || !identity.ok) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await fileTicket({
      tickets: deps.tickets,
      clock: deps.clock,
      policy: deps.policy,
      request: {
        ...inboxOf(context),
        customer: identity.customer,
        channelId,
        threadTs: null,
        source: 'modal',
        reporter: { userId: body.user.id, teamId: body.user.team_id ?? '' },
        isFiledOnBehalf: identity.actor === 'internal',
        text: description,
        summary,
        impact: values[BLOCK.impact]?.trim() || undefined,
        component,
        proposedSeverity: isSeverity(proposed) ? proposed : undefined,
      },
    });
    deps.onCommitted();
  });
}
