import type { App, ViewSubmitAction } from '@slack/bolt';
import { namedUpstream } from '../../../usecases/incident-policy.ts';
import { publishStatusUpdate } from '../../../usecases/publish-status-update.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { NOT_AFFECTED } from '../../views/status-modals.ts';
import { inboxOf, type ListenerDeps } from '../deps.ts';

type Values = Record<string, Record<string, { value?: string | null; selected_option?: { value: string } | null }>>;

/** The submitted state, message and per-component states ("Not affected" leaves a component out). */
export function readStatusModal(values: Values): {
  status: string;
  message: string;
  components: { componentId: string; state: string }[];
} {
  const pick = (blockId: string) => {
    const field = values[blockId]?.[blockId];
    return field?.selected_option?.value ?? field?.value ?? '';
  };
  const components = Object.keys(values)
    .filter((blockId) => blockId.startsWith(BLOCK.statusComponentPrefix))
    .map((blockId) => ({ componentId: blockId.slice(BLOCK.statusComponentPrefix.length), state: pick(blockId) }))
    .filter((c) => c.state !== NOT_AFFECTED);
  return { status: pick(BLOCK.statusState), message: pick(BLOCK.statusMessage), components };
}

/** Where a use-case error key shows in the modal. */
function blockOf(key: string): string {
  if (key === 'status') return BLOCK.statusState;
  if (key.startsWith('component:')) return `${BLOCK.statusComponentPrefix}${key.slice('component:'.length)}`;
  return BLOCK.statusMessage;
}

/**
 * "Update status" submitted: the use case checks who is publishing and what, and writes it; bad
 * input or a refusal comes back as field errors and the modal stays open with nothing written.
 */
export function registerStatusModal(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(VIEW.statusModal, async ({ ack, body, view, context }) => {
    let meta: { incidentId?: unknown } = {};
    try {
      meta = JSON.parse(view.private_metadata) as typeof meta;
    } catch {
      /* answered below */
    }
    const incident = Number.isInteger(meta.incidentId) ? await deps.incidents.get(Number(meta.incidentId)) : undefined;
    if (!incident) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK.statusMessage]: 'This incident no longer exists. Nothing was published.' },
      });
      return;
    }
    const upstream = namedUpstream(deps.incidentPolicy, incident.upstreamProvider ?? incident.title);
    const result = await publishStatusUpdate({
      incidents: deps.incidents,
      statuses: deps.statuses,
      policy: deps.statusPolicy,
      clock: deps.clock,
      incident,
      actor: { id: body.user.id, teamId: body.user.team_id },
      ...readStatusModal(view.state.values as Values),
      ...(upstream ? { upstreamProvider: upstream.name } : {}),
      causeInboxId: inboxOf(context).inboxId,
    });
    if (result.outcome === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(Object.entries(result.errors).map(([key, text]) => [blockOf(key), text])),
      });
      return;
    }
    if (result.outcome === 'refused') {
      await ack({ response_action: 'errors', errors: { [BLOCK.statusMessage]: result.message } });
      return;
    }
    await ack();
    deps.onCommitted();
  });
}
