import Handlebars from 'handlebars';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';
import { STATUS_LABEL } from './format.ts';
import { IMPACT_LABEL, incidentPath } from './incident-view.ts';

/** Incidents and maintenances per feed document; older ones are on the next pages (RFC 5005 paging). */
export const FEED_PAGE_SIZE = 50;

export interface FeedPage {
  /** Newest first, by creation. */
  records: readonly StatusIncidentRecord[];
  /** 1-based. */
  page: number;
  pageCount: number;
}

// XML 1.0 forbids most control characters even escaped; public text could carry them.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const xml = (s: string) =>
  s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const html = Handlebars.Utils.escapeExpression;

/** The whole update history of one incident as HTML (escaped: a reader shows customer text literally). */
function entryHtml(i: StatusIncidentRecord): string {
  const updates = i.updates
    .map(
      (u) => `<p><strong>${html(STATUS_LABEL[u.status])}</strong> (${u.displayAt.toISOString()}): ${html(u.body)}</p>`,
    )
    .join('');
  return `<p>${html(IMPACT_LABEL[i.impact])}</p>${updates}`;
}

/**
 * A permanent entry id (RFC 4151 tag URI): the host of the page and the incident's creation date,
 * so a reader never sees the same incident twice, whatever its title or status becomes.
 */
function entryId(url: string, i: StatusIncidentRecord): string {
  return `tag:${new URL(url).host},${i.createdAt.toISOString().slice(0, 10)}:incident/${i.publicId}`;
}

function pageLinks(base: string, { page, pageCount }: FeedPage) {
  const at = (n: number) => (n === 1 ? base : `${base}?page=${n}`);
  return [
    ['self', at(page)],
    ['first', at(1)],
    ['last', at(Math.max(1, pageCount))],
    ...(page > 1 ? [['previous', at(page - 1)]] : []),
    ...(page < pageCount ? [['next', at(page + 1)]] : []),
  ] as const;
}

/**
 * The history as an Atom feed (RFC 4287): one entry per incident or maintenance with every update,
 * an author, permanent ids and `updated` everywhere; older incidents behind `next` links. Pure.
 */
export function historyAtom({ title, url, now, feed }: { title: string; url: string; now: Date; feed: FeedPage }) {
  const newest = feed.records.reduce((t, i) => Math.max(t, i.updatedAt.getTime()), 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `<id>${xml(`${url}/history`)}</id>`,
    `<title>${xml(`${title} – history`)}</title>`,
    `<subtitle>${xml(`Incidents and maintenance on ${title}`)}</subtitle>`,
    `<updated>${new Date(newest || now.getTime()).toISOString()}</updated>`,
    `<author><name>${xml(title)}</name><uri>${xml(`${url}/status`)}</uri></author>`,
    `<link rel="alternate" type="text/html" href="${xml(`${url}/history`)}"/>`,
    ...pageLinks(`${url}/history.atom`, feed).map(
      ([rel, href]) => `<link rel="${rel}" type="application/atom+xml" href="${xml(href)}"/>`,
    ),
    ...feed.records.map((i) =>
      [
        '<entry>',
        `<id>${xml(entryId(url, i))}</id>`,
        `<title>${xml(`${i.name} – ${STATUS_LABEL[i.status]}`)}</title>`,
        `<published>${i.createdAt.toISOString()}</published>`,
        `<updated>${i.updatedAt.toISOString()}</updated>`,
        `<link rel="alternate" type="text/html" href="${xml(`${url}${incidentPath(i.publicId)}`)}"/>`,
        `<content type="html">${xml(entryHtml(i))}</content>`,
        '</entry>',
      ].join(''),
    ),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}

/** The same history as RSS 2.0, with Atom paging links for readers that follow them. Pure. */
export function historyRss({ title, url, now, feed }: { title: string; url: string; now: Date; feed: FeedPage }) {
  const newest = feed.records.reduce((t, i) => Math.max(t, i.updatedAt.getTime()), 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${xml(`${title} – history`)}</title>`,
    `<link>${xml(`${url}/history`)}</link>`,
    `<description>${xml(`Incidents and maintenance on ${title}`)}</description>`,
    '<language>en</language>',
    `<lastBuildDate>${new Date(newest || now.getTime()).toUTCString()}</lastBuildDate>`,
    ...pageLinks(`${url}/history.rss`, feed).map(
      ([rel, href]) => `<atom:link rel="${rel}" type="application/rss+xml" href="${xml(href)}"/>`,
    ),
    ...feed.records.map((i) =>
      [
        '<item>',
        `<title>${xml(`${i.name} – ${STATUS_LABEL[i.status]}`)}</title>`,
        `<link>${xml(`${url}${incidentPath(i.publicId)}`)}</link>`,
        `<guid isPermaLink="false">${xml(entryId(url, i))}</guid>`,
        `<pubDate>${i.createdAt.toUTCString()}</pubDate>`,
        `<description>${xml(entryHtml(i))}</description>`,
        '</item>',
      ].join(''),
    ),
    '</channel>',
    '</rss>',
  ];
  return `${lines.join('\n')}\n`;
}
