import type { IncidentEventNote } from './incident-ports.ts';
import { resolveTargets } from './incident-policy.ts';
import type { OutboxEffect } from './ports.ts';
import { incidentRoom, mentions, stepWords, text, type StepContext } from './runbook-step-context.ts';

/** One person brought into the incident channel; the key is per incident and person, whichever step asks. */
export const inviteKey = (incidentId: number, user: string): string => `incident:${incidentId}:invite:${user}`;

/**
 * An escalate step: DMs its targets (with the bridge when the step opens it), tells the incident
 * room and triage, and invites the step's `invite` targets into the incident channel, each person
 * one outbox item (delivered after the channel exists; `already_in_channel` counts as done).
 */
export function escalateStep(c: StepContext): { effects: OutboxEffect[]; notes: IncidentEventNote[] } {
  const { incident, step, policy, onCall } = c;
  const { ref, key, age, fill, customer, who } = stepWords(c);
  const targets = resolveTargets(policy, step.targets, { customer, onCall });
  const bridge =
    step.opensBridge && policy.bridgeUrl ? `\n:telephone_receiver: Incident bridge: ${policy.bridgeUrl}` : '';
  const body = `:arrow_double_up: ${fill(step.message) || `${ref} escalated at ${age}.`}${bridge}`;
  const room = incidentRoom(c);
  const effects: OutboxEffect[] = targets.map((user) =>
    text(key(`dm-${user}`), user, `${body}\n*${ref}* (${incident.severity}${who}): {title}`, incident),
  );
  // Frozen plans from before `invite` existed have none.
  const invited =
    room.channel === policy.triageChannelId ? [] : resolveTargets(policy, step.invite ?? [], { customer, onCall });
  for (const user of invited) effects.push({ kind: 'slack.invite', key: inviteKey(incident.id, user), user, ...room });
  effects.push(text(key('room'), room.channel, `${body}\nEscalated to ${mentions(targets)}.`, incident, room));
  if (room.channel !== policy.triageChannelId)
    effects.push(
      text(
        key('triage'),
        policy.triageChannelId,
        `:arrow_double_up: *${ref}* escalated at ${age} to ${mentions(targets)}.`,
        incident,
      ),
    );
  const notes: IncidentEventNote[] = [
    {
      kind: 'escalation',
      actor: 'tplus',
      text: `${step.title}: ${targets.join(', ') || 'nobody configured'}`,
      detail: { targets: step.targets, users: targets },
    },
  ];
  if (invited.length > 0)
    notes.push({
      kind: 'invite',
      actor: 'tplus',
      text: `Invited to the incident channel: ${invited.join(', ')}`,
      detail: { users: invited },
    });
  if (bridge) notes.push({ kind: 'bridge', actor: 'tplus', text: `Bridge opened: ${policy.bridgeUrl}` });
  return { effects, notes };
}
