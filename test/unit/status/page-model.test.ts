import { describe, expect, it } from 'vitest';
import { buildPageModel } from '../../../src/status/page-model.ts';
import { overallStatus } from '../../../src/status/overall.ts';
import type { StatusIncidentRecord, StatusUpdateRecord } from '../../../src/usecases/status-ports.ts';

const now = new Date('2026-11-25T15:00:00Z');
const settings = {
  title: 'Example status',
  timeZone: 'America/New_York',
  weights: { partialOutage: 0.3, degradedPerformance: 0 },
};
const components = [
  { id: 'api', name: 'API', group: 'Platform' },
  { id: 'web', name: 'Dashboard', group: 'Platform' },
  { id: 'mail', name: 'Email' },
];

let seq = 0;
function record(
  over: Omit<Partial<StatusIncidentRecord>, 'updates'> & { updates?: Partial<StatusUpdateRecord>[] },
): StatusIncidentRecord {
  seq += 1;
  const createdAt = over.createdAt ?? new Date('2026-11-25T14:00:00Z');
  return {
    id: seq,
    publicId: `pub${seq}`,
    kind: 'incident',
    incidentId: null,
    name: `Incident ${seq}`,
    impact: 'major',
    status: 'investigating',
    upstreamProvider: null,
    components: [],
    createdAt,
    updatedAt: createdAt,
    monitoringAt: null,
    resolvedAt: null,
    scheduledFor: null,
    scheduledUntil: null,
    announcedAt: null,
    isForced: false,
    ...over,
    updates: (over.updates ?? [{}]).map((u, i) => ({
      id: i,
      publicId: `u${seq}-${i}`,
      status: 'investigating',
      body: 'Looking.',
      components: [],
      actor: 'U1',
      createdAt,
      displayAt: createdAt,
      ...u,
    })),
  };
}

describe('the status page model', () => {
  it('groups components as configured and takes each one’s state from its last change', () => {
    const model = buildPageModel({
      now,
      settings,
      components,
      incidents: [],
      changes: [{ componentId: 'web', state: 'partial_outage', at: new Date('2026-11-25T14:00:00Z') }],
    });
    expect(model.groups.map((g) => [g.name, g.components.map((c) => `${c.name}: ${c.stateLabel}`)])).toEqual([
      ['Platform', ['API: Operational', 'Dashboard: Partial outage']],
      [null, ['Email: Operational']],
    ]);
    expect(model.overall).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    // 18 weighted minutes of about 128,760: 99.986 %, shown rounded down.
    expect(model.groups[0]?.components[1]?.uptime).toBe('99.98');
  });

  it('lists active incidents, maintenance in progress and upcoming apart, and past incidents under their local month', () => {
    const active = record({
      impact: 'critical',
      upstreamProvider: 'Stripe',
      components: [{ componentId: 'api', state: 'major_outage' }],
    });
    const upcoming = record({
      kind: 'maintenance',
      impact: 'maintenance',
      status: 'scheduled',
      scheduledFor: new Date('2026-12-02T07:00:00Z'),
      scheduledUntil: new Date('2026-12-02T09:00:00Z'),
      announcedAt: new Date('2026-11-20T12:00:00Z'),
    });
    // 03:00Z on Nov 1 is still Oct 31 in New York.
    const lastMonth = record({
      status: 'resolved',
      createdAt: new Date('2026-11-01T03:00:00Z'),
      resolvedAt: new Date('2026-11-01T04:00:00Z'),
    });
    const tooOld = record({
      status: 'resolved',
      createdAt: new Date('2025-11-30T12:00:00Z'),
      resolvedAt: new Date('2025-11-30T13:00:00Z'),
    });
    const model = buildPageModel({
      now,
      settings,
      components,
      changes: [],
      incidents: [active, upcoming, lastMonth, tooOld],
    });
    expect(model.overall.indicator).toBe('critical');
    expect(model.active.map((i) => [i.name, i.componentNames, i.upstreamProvider])).toEqual([
      [active.name, ['API'], 'Stripe'],
    ]);
    expect(model.maintenanceUpcoming.map((i) => [i.name, i.announced?.text, i.window?.from.text])).toEqual([
      [upcoming.name, 'Nov 20, 2026, 07:00 EST', 'Dec 2, 2026, 02:00 EST'],
    ]);
    expect(model.maintenanceInProgress).toEqual([]);
    expect(model.history).toHaveLength(12);
    // The live incident is this month's history too: never "No incidents reported" under it.
    expect(model.history[0]).toMatchObject({ month: 'November 2026', incidents: [{ name: active.name }] });
    expect(model.history[1]).toMatchObject({ month: 'October 2026', incidents: [{ name: lastMonth.name }] });
    expect(model.history[11]?.month).toBe('December 2025');
    expect(model.history.flatMap((m) => m.incidents).map((i) => i.name)).toEqual([active.name, lastMonth.name]);
    expect(model.history[1]?.incidents[0]).toMatchObject({
      impactLabel: 'Major impact',
      duration: '1 h',
      href: `/incidents/${lastMonth.publicId}`,
    });
  });
});

describe('the history on the status page', () => {
  it('lists a completed maintenance under the month it ran in, with its duration, but not one still to come', () => {
    const done = record({
      kind: 'maintenance',
      impact: 'maintenance',
      status: 'completed',
      createdAt: new Date('2026-10-01T12:00:00Z'),
      scheduledFor: new Date('2026-10-03T12:00:00Z'),
      scheduledUntil: new Date('2026-10-03T14:00:00Z'),
      resolvedAt: new Date('2026-10-03T13:30:00Z'),
      updates: [
        { status: 'completed', displayAt: new Date('2026-10-03T13:30:00Z') },
        { status: 'in_progress', displayAt: new Date('2026-10-03T12:00:00Z') },
        { status: 'scheduled', displayAt: new Date('2026-10-01T12:00:00Z') },
      ],
    });
    const coming = record({ kind: 'maintenance', impact: 'maintenance', status: 'scheduled' });
    const model = buildPageModel({ now, settings, components, changes: [], incidents: [done, coming] });
    expect(model.history[1]?.incidents.map((i) => [i.name, i.impactLabel, i.statusLabel, i.duration])).toEqual([
      [done.name, 'Maintenance', 'Completed', '1 h 30 min'],
    ]);
    expect(model.history.flatMap((m) => m.incidents)).toHaveLength(1);
  });
});

describe('the overall state', () => {
  it.each([
    [[], [], 'none', 'All Systems Operational'],
    [['degraded_performance'], [], 'minor', 'Minor Service Outage'],
    [['operational'], [record({ impact: 'minor' })], 'minor', 'Minor Service Outage'],
    [['major_outage'], [record({ impact: 'minor' })], 'critical', 'Major System Outage'],
    [
      [],
      [record({ kind: 'maintenance', impact: 'maintenance', status: 'scheduled' })],
      'none',
      'All Systems Operational',
    ],
    [
      [],
      [record({ kind: 'maintenance', impact: 'maintenance', status: 'in_progress' })],
      'maintenance',
      'Service Under Maintenance',
    ],
  ] as const)('components %j with open %# read as %s', (states, open, indicator, description) => {
    expect(overallStatus({ componentStates: states, open })).toEqual({ indicator, description });
  });
});
