import { incidentRef } from '../domain/incident.ts';
import { staleStatusDueAt } from '../domain/runbook/stale-status.ts';
import type { IncidentRoleStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock } from './ports.ts';

/**
 * The stale-status sweep (every tick): an open incident whose public status has not been updated
 * for its runbook's `staleStatusMinutes` reminds its commander in the incident channel, once per
 * period (the incident's last-reminder time is the claim). An update restarts the period; a
 * resolution (of the incident or its public incident) ends the reminders.
 */
export async function remindStaleStatus({
  incidents,
  policy,
  clock,
}: {
  incidents: IncidentRoleStore;
  policy: Pick<IncidentPolicy, 'runbooks' | 'triageChannelId'>;
  clock: Clock;
}): Promise<number> {
  const now = clock.now();
  let sent = 0;
  for (const w of await incidents.statusWatch()) {
    const minutes = policy.runbooks[w.severity].staleStatusMinutes;
    if (!minutes) continue;
    const dueAt = staleStatusDueAt({ lastUpdateAt: w.lastUpdateAt, remindedAt: w.remindedAt, minutes });
    if (now < dueAt) continue;
    const ref = incidentRef(w.incidentId);
    const who = w.commanderId ? `<@${w.commanderId}>` : 'No incident commander is set (`/tplus lead @someone`):';
    const body = `:alarm_clock: ${who} the public status of *${ref}* has not been updated for ${minutes} minutes. Post an update with \`/tplus status ${ref}\`.`;
    const isClaimed = await incidents.claimStatusReminder(
      { incidentId: w.incidentId, previous: w.remindedAt },
      {
        at: now,
        events: [
          {
            kind: 'status-reminder',
            actor: 'tplus',
            text: `Stale public status: reminded ${w.commanderId ?? 'the channel (no commander)'}`,
          },
        ],
        effects: [
          {
            kind: 'slack.post',
            key: `incident:${w.incidentId}:stale-status:${dueAt.getTime()}`,
            channel: w.channelId ?? policy.triageChannelId,
            message: { view: 'text', data: { text: body, title: '' } },
          },
        ],
      },
    );
    if (isClaimed) sent += 1;
  }
  return sent;
}
