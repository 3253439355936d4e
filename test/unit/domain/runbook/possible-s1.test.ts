import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbooks } from '../../../../src/config/load-runbooks.ts';
import { freezeTicketPlan, ZRunbook, type Runbook } from '../../../../src/domain/runbook/index.ts';

const shipped = loadRunbooks(join(import.meta.dirname, '../../../../runbooks'));

describe('the plan a possible S1 starts on', () => {
  it('adds the S1 runbook’s T+0 page to an S3 plan, pages as critical and says it is a possible S1', () => {
    const plan = freezeTicketPlan(shipped, { severity: 'S3', isPossibleS1: true });
    expect(plan.steps.map((s) => s.id)).toEqual(['page', ...shipped.S3.steps.map((s) => s.id)]);
    expect(plan.steps[0]).toEqual(shipped.S1.steps.find((s) => s.id === 'page'));
    expect(plan).toMatchObject({ severity: 'S3', pageSeverity: 'critical', isPossibleS1: true });
  });

  it('does the same for S4', () => {
    const plan = freezeTicketPlan(shipped, { severity: 'S4', isPossibleS1: true });
    expect(plan.steps.filter((s) => s.action === 'page-oncall').map((s) => [s.id, s.at.minutes])).toEqual([
      ['page', 0],
    ]);
    expect(plan.pageSeverity).toBe('critical');
  });

  it('keeps an S2 plan’s own T+0 page (no second page step) and pages it as critical', () => {
    const plan = freezeTicketPlan(shipped, { severity: 'S2', isPossibleS1: true });
    expect(plan.steps).toEqual(shipped.S2.steps);
    expect(plan).toMatchObject({ pageSeverity: 'critical', isPossibleS1: true });
  });

  it('leaves ordinary tickets’ plans as their runbooks are', () => {
    for (const severity of ['S1', 'S2', 'S3', 'S4'] as const) {
      const plan = freezeTicketPlan(shipped, { severity, isPossibleS1: false });
      expect(plan).toEqual({
        severity,
        pageSeverity: shipped[severity].pageSeverity,
        steps: shipped[severity].steps,
      });
    }
  });

  it('renames the added page when the plan already has a step of that id', () => {
    const s3: Runbook = ZRunbook.parse({
      severity: 'S3',
      pageSeverity: 'warning',
      steps: [{ id: 'page', title: 'Page at T+60', at: { minutes: 60 }, action: 'page-oncall' }],
    });
    const plan = freezeTicketPlan({ ...shipped, S3: s3 }, { severity: 'S3', isPossibleS1: true });
    expect(plan.steps.map((s) => [s.id, s.at.minutes])).toEqual([
      ['possible-s1-page', 0],
      ['page', 60],
    ]);
  });

  it('does not share step objects with the runbooks it was frozen from', () => {
    const plan = freezeTicketPlan(shipped, { severity: 'S3', isPossibleS1: true });
    plan.steps[0]!.title = 'edited';
    expect(shipped.S1.steps[0]!.title).not.toBe('edited');
  });
});
