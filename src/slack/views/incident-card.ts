import { incidentRef, type Incident } from '../../domain/incident.ts';
import { escapeMrkdwn } from '../escape.ts';
import { ACTION } from '../ids.ts';
import type { RenderedMessage } from './ticket-messages.ts';

/** Buttons on an incident card carry `inc:<id>`; on a ticket card they carry the ticket id. */
export const incidentButtonValue = (incidentId: number): string => `inc:${incidentId}`;

/** The triage card of an incident without a ticket: state and the responder buttons. */
export function incidentCard(
  incident: Incident,
  componentName: (id: string) => string,
  formatInstant: (at: Date) => string,
): RenderedMessage {
  const ref = incidentRef(incident.id);
  const state = incident.resolvedAt
    ? `Resolved ${formatInstant(incident.resolvedAt)}`
    : incident.acknowledgedAt
      ? `Acknowledged by <@${incident.acknowledgedBy}>`
      : 'Open, not acknowledged';
  const button = (actionId: string, label: string, style?: 'primary' | 'danger') => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: label },
    ...(style ? { style } : {}),
    value: incidentButtonValue(incident.id),
  });
  const buttons = incident.resolvedAt
    ? []
    : [
        ...(incident.acknowledgedAt ? [] : [button(ACTION.acknowledge, 'Acknowledge', 'primary')]),
        button(ACTION.escalate, 'Escalate', 'danger'),
        button(ACTION.resolve, 'Resolve'),
        button(ACTION.updateStatus, 'Update status'),
      ];
  const fields = [
    `*Severity:* ${incident.severity} · *Source:* ${incident.source === 'alert' ? 'monitoring alert' : 'declared by a responder'}`,
    `*Components:* ${incident.components.map(componentName).join(', ') || 'none named'}`,
    `*Started:* ${formatInstant(incident.startedAt)} · *State:* ${state}`,
  ];
  return {
    text: `${ref} · ${incident.severity}: ${escapeMrkdwn(incident.title)}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: `${ref} · ${incident.severity}`.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: `>${escapeMrkdwn(incident.title).slice(0, 2500)}` } },
      { type: 'section', text: { type: 'mrkdwn', text: fields.join('\n') } },
      ...(buttons.length > 0 ? [{ type: 'actions', block_id: `incident_${incident.id}`, elements: buttons }] : []),
    ],
  };
}
