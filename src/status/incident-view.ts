import type { StatusImpact, StatusIncidentRecord } from '../usecases/status-ports.ts';
import { formatDuration, instantFormatter, STATUS_LABEL } from './format.ts';

export interface Moment {
  iso: string;
  text: string;
}

/** The impact in words, as a reader (and procurement) reads it, not Statuspage's enum. */
export const IMPACT_LABEL: Record<StatusImpact, string> = {
  none: 'No impact',
  minor: 'Minor impact',
  major: 'Major impact',
  critical: 'Critical impact',
  maintenance: 'Maintenance',
};

/** The page of one incident or maintenance: every shortlink, feed entry and history line points here. */
export const incidentPath = (publicId: string) => `/incidents/${publicId}`;

export interface IncidentView {
  publicId: string;
  href: string;
  kind: 'incident' | 'maintenance';
  name: string;
  impact: string;
  impactLabel: string;
  statusLabel: string;
  isOpen: boolean;
  upstreamProvider: string | null;
  componentNames: string[];
  started: Moment;
  resolved?: Moment | undefined;
  endLabel: 'Resolved' | 'Completed';
  /** From the start (a maintenance: from going under way) to resolution, or so far. */
  duration: string;
  window?: { from: Moment; to: Moment } | undefined;
  announced?: Moment | undefined;
  /** A maintenance a responder forced through with less notice than the contract promises. */
  isShortNotice: boolean;
  /** Newest first. */
  updates: { statusLabel: string; body: string; at: Moment }[];
}

/** When the incident's effect began: its creation, or for a maintenance the first update that put it under way. */
export function effectStart(i: StatusIncidentRecord): Date {
  if (i.kind !== 'maintenance') return i.createdAt;
  return [...i.updates].reverse().find((u) => u.status !== 'scheduled')?.displayAt ?? i.scheduledFor ?? i.createdAt;
}

/** Turns store records into what the templates show, in the page's zone; pure. */
export function incidentViewer({
  now,
  timeZone,
  componentNames,
}: {
  now: Date;
  timeZone: string;
  componentNames: ReadonlyMap<string, string>;
}) {
  const formatInstant = instantFormatter(timeZone);
  const moment = (at: Date): Moment => ({ iso: at.toISOString(), text: formatInstant(at) });
  const view = (i: StatusIncidentRecord): IncidentView => {
    const isUpcoming = i.kind === 'maintenance' && i.status === 'scheduled';
    const start = effectStart(i);
    return {
      publicId: i.publicId,
      href: incidentPath(i.publicId),
      kind: i.kind,
      name: i.name,
      impact: i.impact,
      impactLabel: IMPACT_LABEL[i.impact],
      statusLabel: STATUS_LABEL[i.status],
      isOpen: i.resolvedAt === null,
      upstreamProvider: i.upstreamProvider,
      componentNames: i.components.flatMap((c) => componentNames.get(c.componentId) ?? []),
      started: moment(i.createdAt),
      resolved: i.resolvedAt ? moment(i.resolvedAt) : undefined,
      endLabel: i.kind === 'maintenance' ? 'Completed' : 'Resolved',
      duration: isUpcoming
        ? 'not started'
        : `${formatDuration((i.resolvedAt ?? now).getTime() - start.getTime())}${i.resolvedAt ? '' : ' so far'}`,
      window:
        i.scheduledFor && i.scheduledUntil ? { from: moment(i.scheduledFor), to: moment(i.scheduledUntil) } : undefined,
      announced: i.announcedAt ? moment(i.announcedAt) : undefined,
      isShortNotice: i.isForced,
      updates: i.updates.map((u) => ({ statusLabel: STATUS_LABEL[u.status], body: u.body, at: moment(u.displayAt) })),
    };
  };
  return { view, moment };
}
