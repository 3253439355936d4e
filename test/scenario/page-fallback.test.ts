import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../support/harness.ts';
import { MINUTE, startIncidentScenario } from '../support/incident-scenario.ts';

describe('when PagerDuty cannot take a page', () => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  it('pages the on-call by Slack DM and tells triage after 2 minutes, once, and keeps retrying PagerDuty', async () => {
    s = await startIncidentScenario();
    s.h.pagerduty.failAll({ mode: '5xx' });
    const { incident } = await s.file('Production is down: every request fails for all users, no workaround.');
    await s.at(2 * MINUTE - 1000);
    expect(s.dmsTo(ids.responder)).toEqual([]);
    await s.walkTo(2);
    await s.walkTo(4);
    const dms = s.dmsTo(ids.responder).filter((t) => t.includes('PagerDuty cannot be reached'));
    expect(dms).toHaveLength(1);
    expect(
      s.h.emulator.messagesIn(ids.triage).filter((m) => m.text.includes('has not accepted the page')),
    ).toHaveLength(1);
    expect(
      await s.h.tplus.db.prisma.incidentEvent.count({ where: { incidentId: incident.id, kind: 'page-fallback' } }),
    ).toBe(1);
    expect(s.h.pagerduty.events).toEqual([]);

    s.h.pagerduty.heal();
    await s.at(5 * MINUTE);
    await s.at(5 * MINUTE + 30_000);
    expect(s.pagerDutyActions()).toContain('trigger');
    expect(s.h.pagerduty.alerts().has(`tplus-incident-${incident.id}`)).toBe(true);
  });
});
