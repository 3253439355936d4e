import { Feed } from 'feed';
import Handlebars from 'handlebars';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';
import { STATUS_LABEL } from './format.ts';

/** The newest status updates a feed carries; readers poll, they do not need years of it. */
export const FEED_ENTRIES = 100;

/**
 * The status history as a feed, one entry per public status update (newest first); pure. The
 * feed package declares entry titles and bodies as HTML (in CDATA), so text is HTML-escaped here:
 * a reader shows it literally, and an escaped `>` can never close the CDATA section.
 */
export function buildHistoryFeed({
  now,
  title,
  url,
  incidents,
}: {
  now: Date;
  title: string;
  url: string;
  incidents: readonly StatusIncidentRecord[];
}): Feed {
  const entries = incidents
    .flatMap((incident) => incident.updates.map((update) => ({ incident, update })))
    .sort((a, b) => b.update.displayAt.getTime() - a.update.displayAt.getTime() || b.update.id - a.update.id)
    .slice(0, FEED_ENTRIES);
  const feed = new Feed({
    id: `${url}/status`,
    title: `${title} – history`,
    link: `${url}/status`,
    generator: false,
    language: 'en',
    updated: entries[0]?.update.displayAt ?? now,
    feedLinks: { atom: `${url}/history.atom`, rss: `${url}/history.rss` },
    description: `Incidents and maintenance on ${title}`,
    copyright: '',
  });
  const html = Handlebars.Utils.escapeExpression;
  for (const { incident, update } of entries) {
    const link = `${url}/status#incident-${incident.publicId}`;
    feed.addItem({
      id: `${link}-${update.publicId}`,
      guid: `${incident.publicId}-${update.publicId}`,
      link,
      date: update.displayAt,
      published: update.displayAt,
      title: html(`${incident.name} – ${STATUS_LABEL[update.status]}`),
      description: html(update.body),
      content: html(update.body),
    });
  }
  return feed;
}
