import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Incident } from '../../../domain/incident.ts';
import { isResponder } from '../../../domain/customer-directory.ts';
import type { Ticket } from '../../../domain/ticket.ts';
import { acknowledgeTicket } from '../../../usecases/acknowledge-ticket.ts';
import { requestEscalation } from '../../../usecases/request-escalation.ts';
import { escalateNow } from '../../../usecases/escalate-now.ts';
import { acknowledgeIncident } from '../../../usecases/sync-incidents.ts';
import { ACTION } from '../../ids.ts';
import { reclassifyModal, resolveModal } from '../../views/modals.ts';
import { inboxOf, REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

type Target = { ticket: Ticket; incident?: undefined } | { ticket?: undefined; incident: Incident };
type Client = Parameters<Parameters<App['action']>[1]>[0]['client'];

/**
 * The card buttons, on ticket cards (value: the ticket id) and on incident cards of incidents
 * without a ticket (value: `inc:<id>`). Responders only; anyone else, and every external user,
 * is refused ephemerally and nothing changes.
 */
export function registerTicketActions(app: App, deps: ListenerDeps): void {
  const guard = async (body: BlockAction, client: Client): Promise<Target | undefined> => {
    const user = { id: body.user.id, teamId: body.user.team_id };
    const channel = body.channel?.id ?? deps.policy.triageChannelId;
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, user)) {
      await tellUser(client, deps.logger, { channel, user: body.user.id, text: REFUSAL.notResponder });
      return undefined;
    }
    const value = String((body.actions[0] as ButtonAction | undefined)?.value ?? '');
    const isIncident = value.startsWith('inc:');
    const id = Number(isIncident ? value.slice(4) : value);
    const target = !Number.isInteger(id)
      ? undefined
      : isIncident
        ? await deps.incidents.get(id).then((incident) => (incident ? { incident } : undefined))
        : await deps.tickets.get(id).then((ticket) => (ticket ? { ticket } : undefined));
    if (!target) await tellUser(client, deps.logger, { channel, user: body.user.id, text: REFUSAL.unknownTicket });
    return target;
  };

  app.action<BlockAction>(ACTION.acknowledge, async ({ ack, body, client, context }) => {
    await ack();
    const target = await guard(body, client);
    if (target?.ticket)
      await acknowledgeTicket({
        tickets: deps.tickets,
        clock: deps.clock,
        ticketId: target.ticket.id,
        responderId: body.user.id,
        inboxId: inboxOf(context).inboxId,
      });
    if (target?.incident) {
      await acknowledgeIncident({
        incidents: deps.incidents,
        policy: deps.incidentPolicy,
        at: deps.clock.now(),
        incident: target.incident,
        by: body.user.id,
        via: 'slack',
        causeInboxId: inboxOf(context).inboxId,
      });
    }
    deps.onCommitted();
  });

  app.action<BlockAction>(ACTION.escalate, async ({ ack, body, client, context }) => {
    await ack();
    const target = await guard(body, client);
    if (target?.ticket)
      await requestEscalation({
        tickets: deps.tickets,
        incidents: deps.incidents,
        clock: deps.clock,
        ticketId: target.ticket.id,
        actorId: body.user.id,
        inboxId: inboxOf(context).inboxId,
      });
    if (target?.incident) {
      const outcome = await escalateNow({
        incidents: deps.incidents,
        incident: target.incident,
        at: deps.clock.now(),
        by: body.user.id,
      });
      if (outcome === 'nothing-left')
        await tellUser(client, deps.logger, {
          channel: body.channel?.id ?? deps.policy.triageChannelId,
          user: body.user.id,
          text: 'Every escalation step of this incident has already run: page more people in PagerDuty by hand.',
        });
    }
    deps.onCommitted();
  });

  app.action<BlockAction>(ACTION.reclassify, async ({ ack, body, client }) => {
    await ack();
    const target = await guard(body, client);
    if (!target?.ticket) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: reclassifyModal({
        ticketId: target.ticket.id,
        current: target.ticket.severity,
        meaning: deps.meaning,
      }) as never,
    });
  });

  app.action<BlockAction>(ACTION.resolve, async ({ ack, body, client }) => {
    await ack();
    const target = await guard(body, client);
    if (!target) return;
    const providers = deps.incidentPolicy.upstreamProviders.map((p) => p.name);
    const ref = target.ticket ? { ticketId: target.ticket.id } : { incidentId: target.incident.id };
    await client.views.open({ trigger_id: body.trigger_id, view: resolveModal({ ...ref, providers }) as never });
  });
}
