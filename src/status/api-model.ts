import { createHash } from 'node:crypto';
import { stateAt, type ComponentState, type StateChange } from '../domain/uptime/index.ts';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';
import { incidentPath } from './incident-view.ts';
import { overallStatus, type Indicator } from './overall.ts';
import type { PageComponent } from './page-model.ts';

/** Statuspage lists the 50 most recent incidents and maintenances. */
export const API_LIST_LIMIT = 50;

const RANK: Record<ComponentState, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface ApiSettings {
  title: string;
  timeZone: string;
  /** The page's public address, without a trailing slash. */
  url: string;
}

/**
 * Statuspage-shaped public JSON (API v2) from store records; pure. Only public fields are copied:
 * the internal incident link and each update's actor never leave this function.
 */
export function createApiModel({
  now,
  settings,
  components,
  changes,
  incidents,
  recent,
  since,
}: {
  now: Date;
  settings: ApiSettings;
  components: readonly PageComponent[];
  changes: readonly (StateChange & { componentId: string })[];
  /** The page's window: what is open, and what happened in the last 12 months. */
  incidents: readonly StatusIncidentRecord[];
  /** The API_LIST_LIMIT most recent of each kind, however old. */
  recent: { incidents: readonly StatusIncidentRecord[]; maintenances: readonly StatusIncidentRecord[] };
  /** Each component's first change ever and the database's creation: a `created_at` that never moves. */
  since: { firstChanges: ReadonlyMap<string, Date>; databaseCreatedAt: Date };
}) {
  // Stable across restarts and processes, derived from nothing internal.
  const pageId = BigInt(`0x${createHash('sha256').update(`tplus-status:${settings.url}`).digest('hex').slice(0, 16)}`)
    .toString(36)
    .padStart(12, '0')
    .slice(0, 12);
  const changesOf = (id: string) => changes.filter((c) => c.componentId === id);
  // The last public change, not the time of the request: an unchanged page keeps its ETag.
  const times = [...changes.map((c) => c.at.getTime()), ...incidents.map((i) => i.updatedAt.getTime())].filter(
    (t) => t <= now.getTime(),
  );
  const page = {
    id: pageId,
    name: settings.title,
    url: settings.url,
    time_zone: settings.timeZone,
    updated_at: new Date(times.length > 0 ? Math.max(...times) : now.getTime()).toISOString(),
  };
  const groupId = (name: string) => `group-${createHash('sha256').update(name).digest('hex').slice(0, 10)}`;
  const shared = { page_id: pageId, description: null, showcase: true, start_date: null, only_show_if_degraded: false };

  const leaves = components.map((c, position) => {
    const own = changesOf(c.id);
    const created = since.firstChanges.get(c.id) ?? since.databaseCreatedAt;
    return {
      id: c.id,
      name: c.name,
      status: stateAt(own, now),
      created_at: created.toISOString(),
      updated_at: (own[own.length - 1]?.at ?? created).toISOString(),
      position: position + 1,
      group_id: c.group === undefined ? null : groupId(c.group),
      group: false,
      ...shared,
    };
  });
  const groupNames = [...new Set(components.flatMap((c) => (c.group === undefined ? [] : [c.group])))];
  const groups = groupNames.map((name, i) => {
    const members = leaves.filter((l) => l.group_id === groupId(name));
    const status = members.reduce<ComponentState>(
      (worst, m) => (RANK[m.status] > RANK[worst] ? m.status : worst),
      'operational',
    );
    return {
      id: groupId(name),
      name,
      status,
      created_at: members.map((m) => m.created_at).sort()[0] ?? now.toISOString(),
      updated_at:
        members
          .map((m) => m.updated_at)
          .sort()
          .at(-1) ?? now.toISOString(),
      position: components.length + i + 1,
      group_id: null,
      group: true,
      components: members.map((m) => m.id),
      ...shared,
    };
  });
  const byId = new Map(leaves.map((l) => [l.id, l]));

  function incident(i: StatusIncidentRecord) {
    const known = new Map<string, ComponentState>();
    const chronological = [...i.updates].reverse().map((u) => {
      const affected = u.components.flatMap((c) => {
        const component = byId.get(c.componentId);
        const old = known.get(c.componentId) ?? 'operational';
        known.set(c.componentId, c.state);
        return component ? [{ code: component.id, name: component.name, old_status: old, new_status: c.state }] : [];
      });
      return {
        id: u.publicId,
        status: u.status,
        body: u.body,
        incident_id: i.publicId,
        created_at: u.createdAt.toISOString(),
        updated_at: u.createdAt.toISOString(),
        display_at: u.displayAt.toISOString(),
        affected_components: affected,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      };
    });
    return {
      id: i.publicId,
      name: i.name,
      status: i.status,
      impact: i.impact,
      created_at: i.createdAt.toISOString(),
      updated_at: i.updatedAt.toISOString(),
      monitoring_at: iso(i.monitoringAt),
      resolved_at: iso(i.resolvedAt),
      started_at: i.createdAt.toISOString(),
      page_id: pageId,
      shortlink: `${settings.url}${incidentPath(i.publicId)}`,
      incident_updates: chronological.reverse(),
      components: i.components.flatMap((c) => byId.get(c.componentId) ?? []),
      ...(i.kind === 'maintenance'
        ? { scheduled_for: iso(i.scheduledFor), scheduled_until: iso(i.scheduledUntil) }
        : {}),
    };
  }

  const ofKind = (kind: StatusIncidentRecord['kind']) => incidents.filter((i) => i.kind === kind);
  const isOpen = (i: StatusIncidentRecord) => i.resolvedAt === null;
  const bySchedule = (a: StatusIncidentRecord, b: StatusIncidentRecord) =>
    (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0);
  const status: { indicator: Indicator; description: string } = overallStatus({
    componentStates: leaves.map((l) => l.status),
    open: incidents.filter(isOpen),
  });
  const allComponents = [...leaves, ...groups];
  const unresolved = ofKind('incident').filter(isOpen).map(incident);
  const upcoming = ofKind('maintenance')
    .filter((m) => isOpen(m) && m.status === 'scheduled')
    .sort(bySchedule)
    .map(incident);
  const active = ofKind('maintenance')
    .filter((m) => isOpen(m) && m.status !== 'scheduled')
    .sort(bySchedule)
    .map(incident);

  return {
    status: () => ({ page, status }),
    components: () => ({ page, components: allComponents }),
    incidents: () => ({ page, incidents: recent.incidents.slice(0, API_LIST_LIMIT).map(incident) }),
    unresolved: () => ({ page, incidents: unresolved }),
    maintenances: () => ({
      page,
      scheduled_maintenances: recent.maintenances.slice(0, API_LIST_LIMIT).map(incident),
    }),
    upcoming: () => ({ page, scheduled_maintenances: upcoming }),
    active: () => ({ page, scheduled_maintenances: active }),
    summary: () => ({
      page,
      components: allComponents,
      incidents: unresolved,
      scheduled_maintenances: [...active, ...upcoming],
      status,
    }),
  };
}
export type ApiModel = ReturnType<typeof createApiModel>;
