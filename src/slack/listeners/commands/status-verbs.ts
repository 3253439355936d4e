import type { WebClient } from '@slack/web-api';
import { incidentRef } from '../../../domain/incident.ts';
import { maintenanceModal } from '../../views/status-modals.ts';
import { openStatusModal, openView } from '../actions/update-status.ts';
import type { ListenerDeps } from '../deps.ts';

/** `/tplus status INC-7` (or `TPL-12`): opens "Update status" for that incident. */
export async function statusFromCommand(
  deps: ListenerDeps,
  client: WebClient,
  { ref, triggerId }: { ref: string | undefined; triggerId: string },
): Promise<string | undefined> {
  const match = /^(INC|TPL)-(\d+)$/i.exec(ref ?? '');
  if (!match) {
    const open = await deps.statuses.open('incident');
    const linked = open.flatMap((s) => (s.incidentId !== null ? [incidentRef(s.incidentId)] : []));
    return `Name the incident: \`/tplus status INC-7\` (or \`TPL-12\`).${linked.length > 0 ? ` Open on the status page now: ${linked.join(', ')}.` : ' Nothing is open on the status page now.'}`;
  }
  const id = Number(match[2]);
  const incident = match[1]!.toUpperCase() === 'INC' ? await deps.incidents.get(id) : await deps.incidents.byTicket(id);
  if (!incident) return `${ref} has no incident (yet), so there is nothing to publish.`;
  return openStatusModal(deps, client, triggerId, incident);
}

/** `/tplus maintenance`: opens "Schedule maintenance". */
export async function maintenanceFromCommand(
  deps: ListenerDeps,
  client: WebClient,
  triggerId: string,
): Promise<string | undefined> {
  const view = maintenanceModal({
    components: deps.statusPolicy.components,
    timeZone: deps.statusPolicy.timeZone,
    noticeHours: deps.statusPolicy.maintenanceNoticeHours,
  });
  return openView(client, triggerId, view);
}
