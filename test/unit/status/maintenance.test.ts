import { describe, expect, it } from 'vitest';
import { maintenanceWindow } from '../../../src/status/maintenance.ts';
import type { PublicStatus, StatusIncidentRecord } from '../../../src/usecases/status-ports.ts';

const t = (hhmm: string) => new Date(`2026-11-25T${hhmm}:00Z`);
const now = t('23:00');

function maintenance(moves: [PublicStatus, string][], resolvedAt?: string): StatusIncidentRecord {
  return {
    id: 1,
    publicId: 'm1',
    kind: 'maintenance',
    incidentId: null,
    name: 'Upgrade',
    impact: 'maintenance',
    status: moves.at(-1)?.[0] ?? 'scheduled',
    upstreamProvider: null,
    components: [{ componentId: 'api', state: 'under_maintenance' }],
    createdAt: t('00:00'),
    updatedAt: t('00:00'),
    monitoringAt: null,
    resolvedAt: resolvedAt ? t(resolvedAt) : null,
    scheduledFor: t('02:00'),
    scheduledUntil: t('04:00'),
    announcedAt: t('00:00'),
    isForced: false,
    updates: moves
      .map(([status, at], i) => ({
        id: i,
        publicId: `u${i}`,
        status,
        body: '',
        components: [],
        actor: 'x',
        createdAt: t(at),
        displayAt: t(at),
      }))
      .reverse(),
  };
}

describe('the time a maintenance excuses', () => {
  it.each([
    ['never started', [['scheduled', '00:00']], undefined, undefined],
    [
      'ran inside its window',
      [
        ['scheduled', '00:00'],
        ['in_progress', '02:10'],
        ['completed', '03:30'],
      ],
      '03:30',
      ['02:10', '03:30'],
    ],
    [
      'started early: only from the announced start',
      [
        ['scheduled', '00:00'],
        ['in_progress', '01:30'],
        ['completed', '03:00'],
      ],
      '03:00',
      ['02:00', '03:00'],
    ],
    [
      'overran: only to the announced end',
      [
        ['scheduled', '00:00'],
        ['in_progress', '02:00'],
        ['completed', '05:00'],
      ],
      '05:00',
      ['02:00', '04:00'],
    ],
    [
      'still under way: up to now, within the window',
      [
        ['scheduled', '00:00'],
        ['in_progress', '02:00'],
      ],
      undefined,
      ['02:00', '04:00'],
    ],
  ] as const)('%s', (_, moves, resolvedAt, expected) => {
    const window = maintenanceWindow(
      maintenance(
        moves.map(([s, at]) => [s, at]),
        resolvedAt,
      ),
      now,
    );
    expect(window).toEqual(expected ? { from: t(expected[0]), to: t(expected[1]) } : undefined);
  });
});
