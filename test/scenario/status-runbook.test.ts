import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/temp-database.ts';
import { ids } from '../support/harness.ts';
import { MINUTE, startIncidentScenario } from '../support/incident-scenario.ts';
import { componentState, statusPostsIn, submitStatus, summary } from '../support/status-helpers.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';

describe.each(DATABASE_KINDS)('the public status through an S1 runbook on a fake clock, on %s', (database) => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  it('goes to Investigating at T+15 (not a millisecond before) and Resolved on resolution, posting each update into every affected customer channel', async () => {
    s = await startIncidentScenario({ database });
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(14);
    await s.at(15 * MINUTE - 1);
    let page = await summary(s.h);
    expect(page.incidents).toEqual([]);
    expect(componentState(page, 'api')).toBe('operational');
    expect(statusPostsIn(s.h.emulator, ids.acme.channel)).toEqual([]);

    await s.at(15 * MINUTE);
    page = await summary(s.h);
    expect(page.incidents).toHaveLength(1);
    expect(page.incidents[0]!.status).toBe('investigating');
    expect(page.incidents[0]!.name).toBe('Outage of Public API and Dashboard');
    // Public facts only: nothing of the customer's report or the internal title.
    expect(JSON.stringify(page)).not.toMatch(/Production is down|503|log in/);
    expect(componentState(page, 'api')).toBe('major_outage');
    expect(componentState(page, 'dashboard')).toBe('major_outage');
    expect(componentState(page, 'exports')).toBe('operational');
    // Acme uses api + dashboard, Globex dashboard + exports: both hear it, once each.
    for (const channel of [ids.acme.channel, ids.globex.channel]) {
      const posts = statusPostsIn(s.h.emulator, channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.text).toContain('Investigating');
      expect(posts[0]!.blocks).toContain('We are investigating reports of errors affecting Public API and Dashboard');
      expect(posts[0]!.blocks).not.toContain('Production is down');
    }

    await s.acknowledge(ticket.id);
    await s.walkTo(40);
    expect((await s.resolve(ticket.id)).status).toBe(200);
    page = await summary(s.h);
    expect(page.incidents).toEqual([]);
    expect(componentState(page, 'api')).toBe('operational');
    expect(componentState(page, 'dashboard')).toBe('operational');
    const record = await s.h.tplus.status.byIncident(incident.id);
    expect(record!.status).toBe('resolved');
    expect(record!.resolvedAt!.getTime() - incident.startedAt.getTime()).toBe(40 * MINUTE);
    expect(record!.updates.map((u) => u.status)).toEqual(['resolved', 'investigating']);
    for (const channel of [ids.acme.channel, ids.globex.channel]) {
      const posts = statusPostsIn(s.h.emulator, channel);
      expect(posts.map((p) => p.text.split(':')[0])).toEqual(['Investigating', 'Resolved']);
    }
    // The component history records each state once, at T+15 and T+40.
    const changes = await s.h.tplus.db.prisma.componentStatusChange.findMany({
      where: { componentId: 'api' },
      orderBy: { id: 'asc' },
    });
    expect(changes.map((c) => [c.state, (c.at.getTime() - incident.startedAt.getTime()) / MINUTE])).toEqual([
      ['major_outage', 15],
      ['operational', 40],
    ]);
  });

  it('names a configured upstream provider publicly, and a provider name written as mrkdwn comes out inert in customer channels', async () => {
    s = await startIncidentScenario({
      configOverride: (c) => ({
        ...c,
        incidents: {
          ...c.incidents,
          upstreamProviders: [
            {
              name: 'Edge <!channel> <http://evil.example|CDN>',
              statusUrl: 'https://status.example.com',
              keywords: ['edgecdn'],
            },
          ],
        },
      }),
    });
    await s.file(`${OUTAGE} Our edgecdn dashboard shows errors.`);
    await s.walkTo(15);
    const page = await summary(s.h);
    expect(page.incidents[0]!.name).toBe('Degraded – Edge <!channel> <http://evil.example|CDN> API returning errors');
    const [post] = statusPostsIn(s.h.emulator, ids.acme.channel);
    expect(post).toBeDefined();
    for (const raw of [post!.text, post!.blocks]) {
      expect(raw).not.toContain('<!channel>');
      expect(raw).not.toContain('<http://evil.example|CDN>');
    }
    expect(post!.blocks).toContain('&lt;!channel&gt;');
    expect(post!.blocks).toContain('&lt;http://evil.example|CDN&gt;');
  });

  it('leaves a status incident a responder already opened to them: the runbook adds no second Investigating', async () => {
    s = await startIncidentScenario({ database });
    const { incident } = await s.file(OUTAGE);
    await s.walkTo(10);
    expect(
      (
        await submitStatus(s.h, {
          incidentId: incident.id,
          status: 'identified',
          message: 'We found a faulty deploy and are rolling it back.',
          components: { api: 'partial_outage' },
        })
      ).status,
    ).toBe(200);
    await s.walkTo(16);
    const record = await s.h.tplus.status.byIncident(incident.id);
    expect(record!.updates.map((u) => u.status)).toEqual(['identified']);
    expect(componentState(await summary(s.h), 'api')).toBe('partial_outage');
  });
});
