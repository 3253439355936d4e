import { describe, expect, it } from 'vitest';
import {
  freezePlan,
  isConditionMet,
  planSteps,
  replanIncident,
  ZRunbook,
  incidentChannelName,
  formatOffset,
} from '../../../../src/domain/runbook/index.ts';

const T0 = new Date('2026-11-24T14:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const s1 = freezePlan(
  ZRunbook.parse({
    severity: 'S1',
    steps: [
      { id: 'page', title: 'Page', at: { minutes: 0 }, action: 'page-oncall' },
      { id: 'repage', title: 'Re-page', at: { minutes: 15 }, action: 'repage-oncall', when: 'unacknowledged' },
      {
        id: 'engaged',
        title: 'Engaged',
        at: { after: 'acknowledged', minutes: 30 },
        action: 'notify-triage',
        when: 'acknowledged-not-engaged',
      },
      {
        id: 'manager',
        title: 'Manager',
        at: { minutes: 60 },
        action: 'escalate',
        targets: ['engineering-managers'],
        when: 'unresolved',
      },
    ],
  }),
);
const s3 = freezePlan(
  ZRunbook.parse({
    severity: 'S3',
    steps: [
      {
        id: 'ack-overdue',
        title: 'Ack due',
        at: { minutes: 240, isBusinessTime: true },
        action: 'notify-triage',
        when: 'unacknowledged',
      },
    ],
  }),
);

describe('planning a runbook', () => {
  it('puts each step at its offset from T+0, and leaves ack-anchored steps waiting until the ack', () => {
    expect(planSteps(s1, { startedAt: T0 })).toEqual([
      { stepId: 'page', anchor: 'start', dueAt: at(0) },
      { stepId: 'repage', anchor: 'start', dueAt: at(15) },
      { stepId: 'manager', anchor: 'start', dueAt: at(60) },
      { stepId: 'engaged', anchor: 'acknowledged', dueAt: undefined },
    ]);
    expect(planSteps(s1, { startedAt: T0, acknowledgedAt: at(5) }).find((p) => p.stepId === 'engaged')?.dueAt).toEqual(
      at(35),
    );
  });

  it('counts business-time offsets in the calendar it is given, and elapsed time without one', () => {
    const plusOneDay = (from: Date, minutes: number) => new Date(from.getTime() + 24 * 60 * 60_000 + minutes);
    expect(planSteps(s3, { startedAt: T0 }, plusOneDay)[0]?.dueAt).toEqual(
      new Date(T0.getTime() + 24 * 60 * 60_000 + 240),
    );
    expect(planSteps(s3, { startedAt: T0 })[0]?.dueAt).toEqual(at(240));
  });

  it('copies the runbook, so editing it later does not change a live plan', () => {
    const runbook = ZRunbook.parse({
      severity: 'S4',
      steps: [{ id: 'x', title: 'X', at: { minutes: 10 }, action: 'notify-triage' }],
    });
    const frozen = freezePlan(runbook);
    runbook.steps[0]!.at.minutes = 99;
    expect(frozen.steps[0]!.at.minutes).toBe(10);
  });
});

describe('conditions checked at fire time', () => {
  it.each([
    ['unacknowledged', {}, true],
    ['unacknowledged', { acknowledgedAt: at(5) }, false],
    ['unacknowledged', { resolvedAt: at(5) }, false],
    ['unresolved', { acknowledgedAt: at(5) }, true],
    ['unresolved', { resolvedAt: at(40) }, false],
    ['acknowledged-not-engaged', { acknowledgedAt: at(5) }, true],
    ['acknowledged-not-engaged', { acknowledgedAt: at(5), engagedAt: at(10) }, false],
    ['acknowledged-not-engaged', {}, false],
    ['always', { resolvedAt: at(1) }, true],
  ] as const)('%s with %o is %s', (condition, facts, expected) => {
    expect(isConditionMet(condition, facts)).toBe(expected);
  });
});

describe('re-planning on reclassification', () => {
  it('schedules the new plan from the same T+0, marks what is already due, cancels what the new plan lacks, keeps what ran', () => {
    const replan = replanIncident({
      existing: [{ stepId: 'ack-overdue', state: 'pending' }],
      next: s1,
      moments: { startedAt: T0 },
      now: at(20),
    });
    expect(replan.cancel).toEqual(['ack-overdue']);
    expect(replan.schedule.map((s) => [s.stepId, s.isOverdueAtReplan])).toEqual([
      ['page', true],
      ['repage', true],
      ['engaged', false],
      ['manager', false],
    ]);
    const again = replanIncident({
      existing: [
        { stepId: 'page', state: 'done' },
        { stepId: 'repage', state: 'pending' },
      ],
      next: s1,
      moments: { startedAt: T0 },
      now: at(20),
    });
    expect(again.keep).toEqual(['page']);
    expect(again.schedule.map((s) => s.stepId)).not.toContain('page');
  });

  it('treats a step due exactly now as due, and one a millisecond later as not yet', () => {
    expect(
      replanIncident({ existing: [], next: s1, moments: { startedAt: T0 }, now: at(15) }).schedule.find(
        (s) => s.stepId === 'repage',
      )?.isOverdueAtReplan,
    ).toBe(true);
    expect(
      replanIncident({
        existing: [],
        next: s1,
        moments: { startedAt: T0 },
        now: new Date(at(15).getTime() - 1),
      }).schedule.find((s) => s.stepId === 'repage')?.isOverdueAtReplan,
    ).toBe(false);
  });
});

describe('names and offsets', () => {
  it('names the incident channel inc-<n>-<slug> within Slack’s rules', () => {
    expect(incidentChannelName(42, 'Production is DOWN: API 503s (EU) — "urgent"!')).toBe(
      'inc-42-production-is-down-api-503s-eu-urgent',
    );
    expect(incidentChannelName(7, '¡¡¡')).toBe('inc-7');
    expect(incidentChannelName(1, 'x'.repeat(200)).length).toBeLessThanOrEqual(80);
  });

  it('writes T+ offsets in minutes, and hours past two', () => {
    expect(formatOffset(T0, at(0))).toBe('T+0');
    expect(formatOffset(T0, at(119))).toBe('T+119');
    expect(formatOffset(T0, at(125))).toBe('T+2h05');
  });
});
