import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { acknowledgeTicket } from '../../../usecases/acknowledge-ticket.ts';
import { requestEscalation } from '../../../usecases/request-escalation.ts';
import { ACTION } from '../../ids.ts';
import { reclassifyModal, resolveModal } from '../../views/modals.ts';
import { inboxOf, REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

/** The triage card's buttons: responders only; anyone else, and every external user, is refused. */
export function registerTicketActions(app: App, deps: ListenerDeps): void {
  const guard = async (body: BlockAction, client: Parameters<Parameters<App['action']>[1]>[0]['client']) => {
    const user = { id: body.user.id, teamId: body.user.team_id };
    const channel = body.channel?.id ?? deps.policy.triageChannelId;
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, user)) {
      await tellUser(client, deps.logger, { channel, user: body.user.id, text: REFUSAL.notResponder });
      return undefined;
    }
    const ticketId = Number((body.actions[0] as ButtonAction | undefined)?.value);
    const ticket = Number.isInteger(ticketId) ? await deps.tickets.get(ticketId) : undefined;
    if (!ticket) {
      await tellUser(client, deps.logger, { channel, user: body.user.id, text: REFUSAL.unknownTicket });
      return undefined;
    }
    return ticket;
  };

  app.action<BlockAction>(ACTION.acknowledge, async ({ ack, body, client, context }) => {
    await ack();
    const ticket = await guard(body, client);
    if (!ticket) return;
    await acknowledgeTicket({ tickets: deps.tickets, clock: deps.clock, ticketId: ticket.id, responderId: body.user.id, inboxId: inboxOf(context).inboxId });
    deps.onCommitted();
  });

  app.action<BlockAction>(ACTION.escalate, async ({ ack, body, client, context }) => {
    await ack();
    const ticket = await guard(body, client);
    if (!ticket) return;
    await requestEscalation({ tickets: deps.tickets, incidents: deps.incidents, clock: deps.clock, ticketId: ticket.id, actorId: body.user.id, inboxId: inboxOf(context).inboxId });
    deps.onCommitted();
  });

  app.action<BlockAction>(ACTION.reclassify, async ({ ack, body, client }) => {
    await ack();
    const ticket = await guard(body, client);
    if (!ticket) return;
    await client.views.open({ trigger_id: body.trigger_id, view: reclassifyModal({ ticketId: ticket.id, current: ticket.severity, meaning: deps.meaning }) as never });
  });

  app.action<BlockAction>(ACTION.resolve, async ({ ack, body, client }) => {
    await ack();
    const ticket = await guard(body, client);
    if (!ticket) return;
    const providers = deps.incidentPolicy.upstreamProviders.map((p) => p.name);
    await client.views.open({ trigger_id: body.trigger_id, view: resolveModal({ ticketId: ticket.id, providers }) as never });
  });
}
