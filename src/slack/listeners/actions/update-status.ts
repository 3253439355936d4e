import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { isResponder } from '../../../domain/customer-directory.ts';
import { incidentRef, type Incident } from '../../../domain/incident.ts';
import type { ComponentState } from '../../../domain/uptime/index.ts';
import type { IncidentStatus } from '../../../usecases/status-ports.ts';
import { STATE_BY_SEVERITY } from '../../../usecases/runbook-actions.ts';
import { ACTION } from '../../ids.ts';
import { statusModal } from '../../views/status-modals.ts';
import { REFUSAL, tellUser, type ListenerDeps } from '../deps.ts';

/**
 * Opens "Update status" for an incident: preset with its public incident's state and components,
 * or, before anything was published, with the incident's components at its severity's state.
 * Returns a reason when there is nothing to open.
 */
export async function openStatusModal(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
  incident: Incident,
): Promise<string | undefined> {
  const current = await deps.statuses.byIncident(incident.id);
  if (current?.resolvedAt)
    return `The public incident of ${incidentRef(incident.id)} is already resolved; nothing more can be published to it.`;
  const states = new Map<string, ComponentState>(
    current
      ? current.components.map((c) => [c.componentId, c.state])
      : incident.components.map((id) => [id, STATE_BY_SEVERITY[incident.severity]]),
  );
  const view = statusModal({
    incidentId: incident.id,
    ref: incidentRef(incident.id),
    status: current?.status as IncidentStatus | undefined,
    components: deps.statusPolicy.components.map((c) => ({ ...c, state: states.get(c.id) })),
  });
  return openView(client, triggerId, view);
}

/** A trigger id lives 3 s: a replayed request cannot open its form any more, which is no reason to retry it. */
export async function openView(client: WebClient, triggerId: string, view: unknown): Promise<string | undefined> {
  try {
    await client.views.open({ trigger_id: triggerId, view: view as never });
    return undefined;
  } catch (error) {
    return `Slack did not open the form (${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}); run the command or press the button again.`;
  }
}

/** The incident a card button names: `inc:<id>` on incident cards, the ticket id on ticket cards. */
async function incidentOfButton(deps: ListenerDeps, value: string): Promise<Incident | undefined> {
  const isIncident = value.startsWith('inc:');
  const id = Number(isIncident ? value.slice(4) : value);
  if (!Number.isInteger(id)) return undefined;
  return isIncident ? deps.incidents.get(id) : deps.incidents.byTicket(id);
}

/** "Update status" on a triage card: responders only; anyone else is refused and nothing opens. */
export function registerUpdateStatus(app: App, deps: ListenerDeps): void {
  app.action<BlockAction>(ACTION.updateStatus, async ({ ack, body, client }) => {
    await ack();
    const channel = body.channel?.id ?? deps.policy.triageChannelId;
    const tell = (text: string) => tellUser(client, deps.logger, { channel, user: body.user.id, text });
    if (!isResponder(deps.responderIds, deps.directory.ourTeamId, { id: body.user.id, teamId: body.user.team_id }))
      return tell(REFUSAL.notResponder);
    const incident = await incidentOfButton(deps, String((body.actions[0] as ButtonAction | undefined)?.value ?? ''));
    if (!incident)
      return tell('This ticket has no incident (yet), so there is nothing to publish. Nothing was changed.');
    const reason = await openStatusModal(deps, client, body.trigger_id, incident);
    if (reason) await tell(reason);
  });
}
