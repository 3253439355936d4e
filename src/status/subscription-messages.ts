import type { StatusSubscriber } from '../usecases/subscription-ports.ts';
import type { StatusIncidentRecord, StatusUpdateRecord } from '../usecases/status-ports.ts';
import { STATUS_LABEL } from './format.ts';
import { IMPACT_LABEL, incidentPath } from './incident-view.ts';

export interface Site {
  title: string;
  /** The public address, no trailing slash. */
  url: string;
  componentNames: ReadonlyMap<string, string>;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  headers: Record<string, string>;
}

export const confirmPath = (token: string) => `/subscriptions/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribePath = (token: string) => `/subscriptions/unsubscribe?token=${encodeURIComponent(token)}`;

// Subjects are one line: a newline in public text must not start a header.
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim();

function scope(site: Site, components: readonly string[]): string {
  return components.length === 0
    ? 'every component'
    : components.map((c) => site.componentNames.get(c) ?? c).join(', ');
}

/** The double opt-in mail: nothing else is sent until its link is followed. Plain text, so no customer link can hide. */
export function confirmationMail(site: Site, subscriber: StatusSubscriber): Mail {
  return {
    to: subscriber.address,
    subject: oneLine(`Confirm your subscription to ${site.title}`),
    text: [
      `Someone (we hope you) asked to receive status updates from ${site.title} for ${scope(site, subscriber.components)}.`,
      '',
      'Confirm with this link:',
      `${site.url}${confirmPath(subscriber.token)}`,
      '',
      'If this was not you, ignore this mail: nothing will be sent to you.',
    ].join('\n'),
    headers: {},
  };
}

/** One public update as a mail, with the one-click unsubscribe link in the body and the List-Unsubscribe headers. */
export function updateMail(
  site: Site,
  subscriber: StatusSubscriber,
  incident: StatusIncidentRecord,
  update: StatusUpdateRecord,
): Mail {
  const unsubscribe = `${site.url}${unsubscribePath(subscriber.token)}`;
  const components = incident.components.map((c) => site.componentNames.get(c.componentId) ?? c.componentId);
  return {
    to: subscriber.address,
    subject: oneLine(`[${site.title}] ${incident.name}: ${STATUS_LABEL[update.status]}`),
    text: [
      `${incident.name}`,
      `${STATUS_LABEL[update.status]} (${IMPACT_LABEL[incident.impact]}) at ${update.displayAt.toISOString()}`,
      ...(components.length > 0 ? [`Affects: ${components.join(', ')}`] : []),
      '',
      update.body,
      '',
      `Every update: ${site.url}${incidentPath(incident.publicId)}`,
      '',
      `You receive this because you subscribed to ${site.title} for ${scope(site, subscriber.components)}.`,
      `Unsubscribe with one click: ${unsubscribe}`,
    ].join('\n'),
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** The JSON a webhook subscriber receives: Statuspage-like fields of the incident and this update. */
export function webhookPayload(site: Site, incident: StatusIncidentRecord, update: StatusUpdateRecord) {
  return {
    type: incident.kind === 'maintenance' ? 'maintenance.updated' : 'incident.updated',
    page: { name: site.title, url: `${site.url}/status` },
    incident: {
      id: incident.publicId,
      name: incident.name,
      status: incident.status,
      impact: incident.impact,
      shortlink: `${site.url}${incidentPath(incident.publicId)}`,
      created_at: incident.createdAt.toISOString(),
      resolved_at: incident.resolvedAt?.toISOString() ?? null,
      components: incident.components.map((c) => ({
        id: c.componentId,
        name: site.componentNames.get(c.componentId) ?? c.componentId,
        status: c.state,
      })),
    },
    update: {
      id: update.publicId,
      status: update.status,
      body: update.body,
      display_at: update.displayAt.toISOString(),
    },
  };
}
