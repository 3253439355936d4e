import type { App, ViewSubmitAction } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { isSeverity } from '../../../domain/types.ts';
import { reclassifyTicket } from '../../../usecases/reclassify-ticket.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { readValues } from '../../views/modals.ts';
import { inboxOf, REFUSAL, type ListenerDeps } from '../deps.ts';

export function registerReclassifyModal(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(VIEW.reclassifyModal, async ({ ack, body, view, context }) => {
    const values = readValues(view.state.values as never);
    const severity = values[BLOCK.severity];
    const reason = values[BLOCK.reason]?.trim() ?? '';
    let ticketId = NaN;
    try {
      ticketId = Number((JSON.parse(view.private_metadata) as { ticketId?: unknown }).ticketId);
    } catch {
      /* answered below */
    }
    const errors: Record<string, string> = {};
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, { id: body.user.id, teamId: body.user.team_id }))
      errors[BLOCK.reason] = REFUSAL.notResponder;
    if (!isSeverity(severity)) errors[BLOCK.severity] = 'Choose S1, S2, S3 or S4.';
    if (reason.length < 3) errors[BLOCK.reason] = 'Say why, for the record (at least 3 characters).';
    const ticket = Number.isInteger(ticketId) ? await deps.tickets.get(ticketId) : undefined;
    const customer = ticket ? deps.directory.byId(ticket.customerId) : undefined;
    if (!ticket || !customer) errors[BLOCK.severity] = REFUSAL.unknownTicket;
    if (Object.keys(errors).length > 0 || !ticket || !customer || !isSeverity(severity)) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    await reclassifyTicket({
      tickets: deps.tickets,
      clock: deps.clock,
      policy: deps.policy,
      customer,
      ticketId: ticket.id,
      toSeverity: severity,
      reason,
      actorId: body.user.id,
      inboxId: inboxOf(context).inboxId,
    });
    deps.onCommitted();
  });
}
