import { DateTime } from 'luxon';
import type { PublicSummary } from '../usecases/public-summary-ports.ts';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';
import { effectStart, incidentViewer, type IncidentView, type Moment } from './incident-view.ts';

/** Incidents and maintenances per page of /history. */
export const HISTORY_PAGE_SIZE = 25;

interface Common {
  title: string;
  timeZone: string;
  generated: Moment;
}

export interface IncidentPageModel extends Common {
  pageTitle: string;
  incident: IncidentView;
  /** The published post-mortem or RCA summary, once there is one. */
  postIncident?: { title: string; sections: PublicSummary['sections']; published: Moment } | undefined;
}

export interface HistoryPageModel extends Common {
  pageTitle: string;
  page: number;
  pageCount: number;
  months: { month: string; incidents: IncidentView[] }[];
  newer?: string | undefined;
  older?: string | undefined;
}

interface Settings {
  title: string;
  timeZone: string;
}
type Names = ReadonlyMap<string, string>;

/** The page of one incident or maintenance: impact, components, duration, every update; pure. */
export function buildIncidentPage({
  now,
  settings,
  componentNames,
  record,
  summary,
}: {
  now: Date;
  settings: Settings;
  componentNames: Names;
  record: StatusIncidentRecord;
  summary?: PublicSummary | undefined;
}): IncidentPageModel {
  const { view, moment } = incidentViewer({ now, timeZone: settings.timeZone, componentNames });
  const incident = view(record);
  return {
    ...settings,
    generated: moment(now),
    pageTitle: incident.name,
    incident,
    postIncident: summary && {
      title: summary.kind === 'rca' ? 'Root cause analysis' : 'Post-incident review',
      sections: summary.sections,
      published: moment(summary.publishedAt),
    },
  };
}

export const historyHref = (page: number) => (page === 1 ? '/history' : `/history?page=${page}`);

/** One page of the whole history, newest first, under the local month each began in; pure. */
export function buildHistoryPage({
  now,
  settings,
  componentNames,
  records,
  page,
  total,
}: {
  now: Date;
  settings: Settings;
  componentNames: Names;
  records: readonly StatusIncidentRecord[];
  page: number;
  total: number;
}): HistoryPageModel {
  const { view, moment } = incidentViewer({ now, timeZone: settings.timeZone, componentNames });
  const pageCount = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const months: HistoryPageModel['months'] = [];
  for (const record of records) {
    const month = DateTime.fromJSDate(effectStart(record), { zone: settings.timeZone }).toFormat('LLLL yyyy');
    const last = months.at(-1);
    if (last?.month === month) last.incidents.push(view(record));
    else months.push({ month, incidents: [view(record)] });
  }
  return {
    ...settings,
    generated: moment(now),
    pageTitle: page === 1 ? 'History' : `History, page ${page} of ${pageCount}`,
    page,
    pageCount,
    months,
    newer: page > 1 ? historyHref(page - 1) : undefined,
    older: page < pageCount ? historyHref(page + 1) : undefined,
  };
}
