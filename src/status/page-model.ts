import { DateTime } from 'luxon';
import type { ComponentState, StateChange, StateWeights } from '../domain/uptime/index.ts';
import type { StatusIncidentRecord } from '../usecases/status-ports.ts';
import { BAR_DAYS, barDays, componentBar, type DayCell } from './day-bars.ts';
import { formatPercent, monthFormatter, STATE_LABEL } from './format.ts';
import { effectStart, incidentPath, incidentViewer, type IncidentView, type Moment } from './incident-view.ts';
import { maintenanceByComponent } from './maintenance.ts';
import { overallStatus, type Indicator } from './overall.ts';

export const HISTORY_MONTHS = 12;

export interface PageComponent {
  id: string;
  name: string;
  group?: string | undefined;
}

export interface PageSettings {
  title: string;
  timeZone: string;
  weights: StateWeights;
}

export interface ComponentView {
  id: string;
  name: string;
  state: ComponentState;
  stateLabel: string;
  uptime: string;
  days: DayCell[];
}

export interface PageModel {
  title: string;
  timeZone: string;
  generated: Moment;
  overall: { indicator: Indicator; description: string };
  groups: { name: string | null; components: ComponentView[] }[];
  active: IncidentView[];
  maintenanceInProgress: IncidentView[];
  maintenanceUpcoming: IncidentView[];
  history: { month: string; incidents: IncidentView[] }[];
}

/** The oldest instant the page reads changes from: the start of the first bar day. */
export function pageWindowStart(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone })
    .startOf('day')
    .minus({ days: BAR_DAYS - 1 })
    .toJSDate();
}

/** The oldest instant the history shows: the start of the month 11 months before this one. */
export function historyStart(now: Date, timeZone: string): Date {
  return DateTime.fromJSDate(now, { zone: timeZone })
    .startOf('month')
    .minus({ months: HISTORY_MONTHS - 1 })
    .toJSDate();
}

/**
 * The status page as data, from store records; pure. `changes` are every component's changes up to
 * `now` from the page window's start, with each one's last change before it.
 */
export function buildPageModel({
  now,
  settings,
  components,
  changes,
  incidents,
}: {
  now: Date;
  settings: PageSettings;
  components: readonly PageComponent[];
  changes: readonly (StateChange & { componentId: string })[];
  incidents: readonly StatusIncidentRecord[];
}): PageModel {
  const { timeZone } = settings;
  const { view, moment } = incidentViewer({
    now,
    timeZone,
    componentNames: new Map(components.map((c) => [c.id, c.name])),
  });
  // What happened, as the bars and the history show it: incidents, and maintenance once under way.
  const happened = incidents.filter((i) => i.kind === 'incident' || (i.status !== 'scheduled' && i.updates.length > 0));

  const maintenance = maintenanceByComponent(incidents, now);
  const days = barDays(now, timeZone);
  const views: ComponentView[] = components.map((c) => {
    const bar = componentBar({
      changes: changes.filter((x) => x.componentId === c.id),
      maintenance: maintenance.get(c.id) ?? [],
      now,
      days,
      weights: settings.weights,
      incidents: happened
        .filter((i) => i.components.some((x) => x.componentId === c.id))
        .map((i) => ({ name: i.name, href: incidentPath(i.publicId), from: effectStart(i), to: i.resolvedAt ?? now })),
    });
    return {
      id: c.id,
      name: c.name,
      state: bar.state,
      stateLabel: STATE_LABEL[bar.state],
      uptime: formatPercent(bar.uptimePercent),
      days: bar.days,
    };
  });
  const groups: PageModel['groups'] = [];
  components.forEach((c, i) => {
    const name = c.group ?? null;
    const group =
      groups.find((g) => g.name === name) ?? (groups.push({ name, components: [] }), groups[groups.length - 1]);
    group?.components.push(views[i] as ComponentView);
  });

  const open = incidents.filter((i) => i.resolvedAt === null);
  const openMaintenance = open.filter((i) => i.kind === 'maintenance');
  const byStart = (a: StatusIncidentRecord, b: StatusIncidentRecord) =>
    (a.scheduledFor?.getTime() ?? 0) - (b.scheduledFor?.getTime() ?? 0);
  const months = Array.from({ length: HISTORY_MONTHS }, (_, back) =>
    DateTime.fromJSDate(now, { zone: timeZone }).startOf('month').minus({ months: back }),
  );
  const monthOf = monthFormatter(timeZone);
  const pastByMonth = new Map<string, StatusIncidentRecord[]>();
  for (const i of happened) {
    const key = monthOf(effectStart(i));
    pastByMonth.set(key, [...(pastByMonth.get(key) ?? []), i]);
  }
  return {
    title: settings.title,
    timeZone,
    generated: moment(now),
    overall: overallStatus({ componentStates: views.map((v) => v.state), open }),
    groups,
    active: open.filter((i) => i.kind === 'incident').map(view),
    maintenanceInProgress: openMaintenance
      .filter((i) => i.status !== 'scheduled')
      .sort(byStart)
      .map(view),
    maintenanceUpcoming: openMaintenance
      .filter((i) => i.status === 'scheduled')
      .sort(byStart)
      .map(view),
    history: months.map((month) => ({
      month: month.toFormat('LLLL yyyy'),
      incidents: (pastByMonth.get(month.toFormat('yyyy-MM')) ?? []).map(view),
    })),
  };
}
