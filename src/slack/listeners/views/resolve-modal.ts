import type { App, ViewSubmitAction } from '@slack/bolt';
import { isResponder } from '../../../domain/customer-directory.ts';
import { resolveIncident } from '../../../usecases/resolve-incident.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { readValues } from '../../views/modals.ts';
import { REFUSAL, inboxOf, type ListenerDeps } from '../deps.ts';

export function registerResolveModal(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(VIEW.resolveModal, async ({ ack, body, view, context }) => {
    const values = readValues(view.state.values as never);
    const summary = values[BLOCK.resolutionSummary]?.trim() ?? '';
    const isUpstreamCause = values[BLOCK.upstream] === 'yes';
    const isCustomerCaused = values[BLOCK.upstream] === 'customer';
    const provider = values[BLOCK.upstreamProvider] ?? null;
    let meta: { ticketId?: unknown; incidentId?: unknown } = {};
    try {
      meta = JSON.parse(view.private_metadata) as typeof meta;
    } catch {
      /* answered below */
    }
    const errors: Record<string, string> = {};
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, { id: body.user.id, teamId: body.user.team_id }))
      errors[BLOCK.resolutionSummary] = REFUSAL.notResponder;
    else if (summary.length < 10)
      errors[BLOCK.resolutionSummary] = 'Say what was wrong and what fixed it (at least 10 characters).';
    const incident = Number.isInteger(meta.ticketId)
      ? await deps.incidents.byTicket(Number(meta.ticketId))
      : Number.isInteger(meta.incidentId)
        ? await deps.incidents.get(Number(meta.incidentId))
        : undefined;
    if (!incident)
      errors[BLOCK.resolutionSummary] ??=
        'This ticket has no incident yet (it is being opened); try again in a few seconds.';
    else if (incident.resolvedAt) errors[BLOCK.resolutionSummary] ??= 'This incident is already resolved.';
    if (Object.keys(errors).length > 0 || !incident) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    const ticket = incident.ticketId !== null ? await deps.tickets.get(incident.ticketId) : undefined;
    await resolveIncident({
      incidents: deps.incidents,
      policy: deps.incidentPolicy,
      at: deps.clock.now(),
      incident,
      ...(ticket ? { ticket } : {}),
      by: body.user.id,
      via: 'slack',
      summary,
      isUpstreamCause,
      isCustomerCaused,
      upstreamProvider: isUpstreamCause ? provider : null,
      causeInboxId: inboxOf(context).inboxId,
    });
    deps.onCommitted();
  });
}
