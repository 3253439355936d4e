import type { Incident } from '../domain/incident.ts';
import { cardRefresh } from './acknowledge-ticket.ts';
import type { MessageSpec, OutboxEffect } from './ports.ts';

export const incidentCardKey = (incidentId: number): string => `incident:${incidentId}:card`;

/** A notice about the incident; `{title}` in `body` is its title, escaped by the renderer. */
export function incidentText(incident: Pick<Incident, 'title'>, body: string): MessageSpec {
  return { view: 'text', data: { text: body, title: incident.title } };
}

/** The incident card of an incident without a ticket, refreshed after a change. */
export function incidentCardRefresh(incidentId: number, at: Date, reason: string): OutboxEffect {
  return {
    kind: 'slack.update',
    key: `${incidentCardKey(incidentId)}:${reason}:${at.getTime()}`,
    target: { key: incidentCardKey(incidentId) },
    message: { view: 'incident-card', data: { incidentId } },
  };
}

/** The card that shows this incident in triage: its ticket's card, or its own. */
export function triageCardRefresh(incident: Pick<Incident, 'id' | 'ticketId'>, at: Date, reason: string): OutboxEffect {
  return incident.ticketId !== null
    ? cardRefresh(incident.ticketId, at, reason)
    : incidentCardRefresh(incident.id, at, reason);
}
