import { describe, expect, it } from 'vitest';
import { createCustomerDirectory } from '../../../src/domain/customer-directory.ts';
import { dueMove } from '../../../src/usecases/advance-maintenances.ts';
import { validateMaintenance } from '../../../src/usecases/schedule-maintenance.ts';
import { formatWindow, publicationEffects } from '../../../src/usecases/status-effects.ts';
import { impactOf, publicIncidentText, type StatusPolicy } from '../../../src/usecases/status-policy.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const NOW = new Date('2026-11-24T14:00:00Z');
const policy: StatusPolicy = {
  components: [
    { id: 'api', name: 'Public API' },
    { id: 'dashboard', name: 'Dashboard' },
    { id: 'exports', name: 'Data exports' },
  ],
  directory: createCustomerDirectory('T0OURS0001', [
    {
      id: 'acme',
      name: 'Acme',
      tier: 'standard',
      calendarId: 'c',
      successOwner: 'U1',
      teamIds: ['T1'],
      channels: ['C0ACME'],
      supportChannels: [],
      components: ['api'],
    },
    {
      id: 'globex',
      name: 'Globex',
      tier: 'standard',
      calendarId: 'c',
      successOwner: 'U2',
      teamIds: ['T2'],
      channels: ['C0GLOBEX'],
      supportChannels: [],
      components: ['exports'],
    },
    {
      id: 'initech',
      name: 'Initech',
      tier: 'standard',
      calendarId: 'c',
      successOwner: 'U3',
      teamIds: ['T3'],
      channels: [],
      supportChannels: [],
      components: ['api'],
    },
  ]),
  responderIds: new Set(['U0RESP']),
  maintenanceNoticeHours: 48,
  timeZone: 'America/New_York',
};
const request = (startsInMs: number, extra: Partial<Parameters<typeof validateMaintenance>[1]> = {}) => ({
  title: 'Database upgrade',
  message: 'Read-only for up to an hour.',
  startsAt: new Date(NOW.getTime() + startsInMs),
  endsAt: new Date(NOW.getTime() + startsInMs + HOUR),
  componentIds: ['api'],
  isForced: false,
  ...extra,
});

describe('public incident text', () => {
  it.each([
    [[{ componentId: 'api', state: 'major_outage' as const }], undefined, 'Outage of Public API'],
    [
      [
        { componentId: 'api', state: 'partial_outage' as const },
        { componentId: 'exports', state: 'degraded_performance' as const },
      ],
      undefined,
      'Partial outage of Public API and Data exports',
    ],
    [
      [{ componentId: 'dashboard', state: 'degraded_performance' as const }],
      undefined,
      'Degraded performance of Dashboard',
    ],
    [[], undefined, 'Service disruption'],
    [[{ componentId: 'api', state: 'major_outage' as const }], 'AWS', 'Degraded – AWS API returning errors'],
  ])('names %j with provider %s as "%s"', (components, provider, name) => {
    expect(publicIncidentText(policy, { components, upstreamProvider: provider }).name).toBe(name);
  });

  it('takes the impact from the worst component state', () => {
    expect(
      impactOf([
        { componentId: 'a', state: 'degraded_performance' },
        { componentId: 'b', state: 'partial_outage' },
      ]),
    ).toBe('major');
    expect(impactOf([{ componentId: 'a', state: 'major_outage' }])).toBe('critical');
    expect(impactOf([{ componentId: 'a', state: 'under_maintenance' }])).toBe('none');
  });
});

describe('maintenance notice', () => {
  it.each([
    [48 * HOUR - 1, false, ['start']],
    [48 * HOUR - MIN, false, ['start']],
    [48 * HOUR, false, []],
    [48 * HOUR - MIN, true, []],
    [0, true, ['start']],
  ])('a window starting in %d ms (forced: %s) has errors %j', (startsIn, isForced, fields) => {
    expect(Object.keys(validateMaintenance(policy, request(startsIn, { isForced }), NOW))).toEqual(fields);
  });

  it('names a missing time, an end not after the start, no components and an unknown one', () => {
    expect(Object.keys(validateMaintenance(policy, request(72 * HOUR, { endsAt: undefined }), NOW))).toEqual(['end']);
    expect(
      Object.keys(
        validateMaintenance(policy, request(72 * HOUR, { endsAt: new Date(NOW.getTime() + 72 * HOUR) }), NOW),
      ),
    ).toEqual(['end']);
    expect(validateMaintenance(policy, request(72 * HOUR, { componentIds: [] }), NOW).components).toMatch(/Choose/);
    expect(validateMaintenance(policy, request(72 * HOUR, { componentIds: ['billing'] }), NOW).components).toMatch(
      /billing/,
    );
  });
});

describe('maintenance moves', () => {
  const m = { scheduledFor: new Date(NOW.getTime() + HOUR), scheduledUntil: new Date(NOW.getTime() + 2 * HOUR) };
  it.each([
    ['scheduled', HOUR - 1, undefined],
    ['scheduled', HOUR, 'in_progress'],
    ['in_progress', 2 * HOUR - 1, undefined],
    ['in_progress', 2 * HOUR, 'completed'],
    ['verifying', 2 * HOUR, 'completed'],
    ['completed', 3 * HOUR, undefined],
  ] as const)('%s at +%d ms moves to %s', (status, at, move) => {
    expect(dueMove({ ...m, status }, new Date(NOW.getTime() + at))).toBe(move);
  });
});

describe('publication effects', () => {
  const update = {
    statusIncidentId: 7,
    updateId: 9,
    isCreated: true,
    kind: 'incident' as const,
    name: 'Outage of Public API',
    status: 'investigating' as const,
    body: 'Investigating.',
    components: [{ componentId: 'api', state: 'major_outage' as const }],
  };

  it('posts once into each customer channel using an affected component, keyed by the update', () => {
    const effects = publicationEffects(policy, update);
    expect(effects.map((e) => e.key)).toEqual(['status:7:update:9:customer:acme']);
    expect(effects[0]).toMatchObject({
      kind: 'slack.post',
      channel: 'C0ACME',
      message: { view: 'status-update', data: { status: 'investigating', affected: 'Public API (major outage)' } },
    });
  });

  it('mirrors to Statuspage when configured: create on the first update, patch after the create otherwise', () => {
    const withSp = { ...policy, statuspage: { pageId: 'pg1', components: { api: 'sp-api' } } };
    expect(publicationEffects(withSp, update).at(-1)).toEqual({
      kind: 'statuspage.sync',
      key: 'status:7:statuspage:create',
      pageId: 'pg1',
      incident: {
        name: 'Outage of Public API',
        status: 'investigating',
        body: 'Investigating.',
        components: { 'sp-api': 'major_outage' },
        impactOverride: 'critical',
      },
    });
    expect(publicationEffects(withSp, { ...update, isCreated: false, updateId: 10 }).at(-1)).toMatchObject({
      key: 'status:7:update:10:statuspage',
      incidentOf: { key: 'status:7:statuspage:create' },
    });
  });

  it('shows a window in the page zone, across the night', () => {
    expect(formatWindow(new Date('2026-12-02T03:00:00Z'), new Date('2026-12-02T06:00:00Z'), 'America/New_York')).toBe(
      'Tue 1 Dec 2026, 22:00 – Wed 2 Dec, 01:00 (America/New_York)',
    );
  });
});
