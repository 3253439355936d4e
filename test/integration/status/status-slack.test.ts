import { afterEach, describe, expect, it } from 'vitest';
import { ACTION, BLOCK, COMMAND, VIEW } from '../../../src/slack/ids.ts';
import { buildSlashCommand } from '../../../src/sandbox/driver/index.ts';
import { ids } from '../../support/harness.ts';
import { MINUTE, startIncidentScenario, T0 } from '../../support/incident-scenario.ts';
import { buttonPress } from '../../support/payloads.ts';
import {
  componentState,
  fieldErrors,
  statusPostsIn,
  submitMaintenance,
  submitStatus,
  summary,
} from '../../support/status-helpers.ts';

const HOUR = 60 * MINUTE;
const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';

describe('publishing to the status page from Slack', () => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  const written = async () => ({
    updates: await s.h.tplus.db.prisma.statusUpdate.count(),
    changes: await s.h.tplus.db.prisma.componentStatusChange.count(),
    posts: await s.h.tplus.db.prisma.outboxMessage.count({ where: { key: { startsWith: 'status:' } } }),
  });

  it('refuses an internal non-responder and an external user with a field error, and writes nothing', async () => {
    s = await startIncidentScenario();
    const { incident } = await s.file(OUTAGE);
    const before = await written();
    for (const actor of [
      { user: ids.internalNonResponder, userTeam: ids.ourTeam },
      { user: ids.acme.user, userTeam: ids.acme.team },
      { user: ids.responder, userTeam: ids.acme.team },
    ]) {
      const response = await submitStatus(s.h, {
        incidentId: incident.id,
        status: 'identified',
        message: 'We found the cause and are fixing it.',
        components: { api: 'partial_outage' },
        ...actor,
      });
      expect(response.status).toBe(200);
      expect(fieldErrors(response.body)?.[BLOCK.statusMessage]).toMatch(/Only on-call responders/);
    }
    await s.at(0);
    expect(await written()).toEqual(before);
    expect((await summary(s.h)).incidents).toEqual([]);
  });

  it('keeps the modal open on bad input: too short a message, an unknown state, an unknown component', async () => {
    s = await startIncidentScenario();
    const { incident } = await s.file(OUTAGE);
    const before = await written();
    const short = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'identified',
      message: 'fixing',
      components: { api: 'partial_outage' },
    });
    expect(Object.keys(fieldErrors(short.body) ?? {})).toEqual([BLOCK.statusMessage]);
    const badState = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'on_fire',
      message: 'We found the cause and are fixing it.',
      components: { api: 'exploded' },
    });
    expect(Object.keys(fieldErrors(badState.body) ?? {}).sort()).toEqual(
      [BLOCK.statusState, `${BLOCK.statusComponentPrefix}api`].sort(),
    );
    const unknown = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'identified',
      message: 'We found the cause and are fixing it.',
      components: { billing: 'major_outage' },
    });
    expect(fieldErrors(unknown.body)?.[BLOCK.statusMessage]).toMatch(/Unknown component\(s\): billing/);
    expect(await written()).toEqual(before);
  });

  it('publishes a responder’s update with their states, escaped in each affected customer channel, and refuses updates once resolved', async () => {
    s = await startIncidentScenario();
    const { incident } = await s.file(OUTAGE);
    const message = 'Exports are slow <!channel> see <http://evil.example|our page> *now*';
    const response = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'identified',
      message,
      components: { exports: 'degraded_performance' },
    });
    expect(fieldErrors(response.body)).toBeUndefined();
    await s.at(0);
    const page = await summary(s.h);
    expect(page.incidents[0]!.status).toBe('identified');
    expect(page.incidents[0]!.incident_updates[0]!.body).toBe(message);
    expect(componentState(page, 'exports')).toBe('degraded_performance');
    // Exports belong to Globex only.
    expect(statusPostsIn(s.h.emulator, ids.acme.channel)).toEqual([]);
    const [post] = statusPostsIn(s.h.emulator, ids.globex.channel);
    expect(post!.blocks).not.toContain('<!channel>');
    expect(post!.blocks).not.toContain('<http://evil.example|our page>');
    expect(post!.blocks).toContain('&lt;!channel&gt;');
    // On the incident timeline, written with the update.
    expect(
      (await s.h.tplus.db.prisma.incidentEvent.findMany({ where: { incidentId: incident.id, kind: 'status' } })).map(
        (e) => [e.actor, e.text],
      ),
    ).toEqual([[ids.responder, `T+0 Status page: identified — ${message}`]]);

    // Resolved returns the component to operational; after it, the public incident takes no more updates.
    const updates = await s.h.tplus.db.prisma.statusUpdate.count();
    const resolved = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'resolved',
      message: 'Exports are fast again.',
      components: {},
    });
    expect(fieldErrors(resolved.body)).toBeUndefined();
    await s.at(0);
    expect(await s.h.tplus.db.prisma.statusUpdate.count()).toBe(updates + 1);
    expect(componentState(await summary(s.h), 'exports')).toBe('operational');
    const again = await submitStatus(s.h, {
      incidentId: incident.id,
      status: 'monitoring',
      message: 'Still watching the exports.',
      components: {},
    });
    expect(fieldErrors(again.body)?.[BLOCK.statusMessage]).toMatch(/already resolved/);
    expect(await s.h.tplus.db.prisma.statusUpdate.count()).toBe(updates + 1);
  });

  it('opens the Update status modal from the card button and from /tplus status, preset with the incident’s components', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await s.file(OUTAGE);
    await s.h.send('interaction', buttonPress({ actionId: ACTION.updateStatus, value: String(ticket.id) }));
    const command = buildSlashCommand({
      teamId: ids.ourTeam,
      user: { id: ids.responder, teamId: ids.ourTeam },
      channel: ids.triage,
      command: COMMAND,
      text: `status INC-${incident.id}`,
      triggerId: 'trig-status-1',
    });
    expect((await s.h.send('command', command)).status).toBe(200);
    await s.at(0);
    const opened = s.h.emulator.callsTo('views.open').map(
      (c) =>
        (typeof c.args.view === 'string' ? JSON.parse(c.args.view) : c.args.view) as {
          callback_id: string;
          blocks: { block_id: string; element: { initial_option?: { value: string } } }[];
        },
    );
    expect(opened.map((v) => v.callback_id)).toEqual([VIEW.statusModal, VIEW.statusModal]);
    const preset = Object.fromEntries(
      opened[0]!.blocks
        .filter((b) => b.block_id.startsWith(BLOCK.statusComponentPrefix))
        .map((b) => [b.block_id.slice(BLOCK.statusComponentPrefix.length), b.element.initial_option?.value]),
    );
    expect(preset).toEqual({ api: 'major_outage', dashboard: 'major_outage', exports: 'not_affected' });
    // A non-responder's press opens nothing.
    await s.h.send(
      'interaction',
      buttonPress({ actionId: ACTION.updateStatus, value: String(ticket.id), user: ids.internalNonResponder }),
    );
    await s.at(0);
    expect(s.h.emulator.callsTo('views.open')).toHaveLength(2);
  });
});

describe('scheduled maintenance', () => {
  let s: Awaited<ReturnType<typeof startIncidentScenario>>;
  afterEach(async () => s.close());

  it('refuses 47:59 of notice, accepts 48:00, and accepts 47:59 when forced (recorded as forced)', async () => {
    s = await startIncidentScenario();
    const short = new Date(T0.getTime() + 48 * HOUR - MINUTE);
    const refused = await submitMaintenance(s.h, { startsAt: short, endsAt: new Date(short.getTime() + HOUR) });
    expect(fieldErrors(refused.body)?.[BLOCK.maintenanceStartDate]).toMatch(
      /at least 48 h ahead; this one starts in 47 h 59 min/,
    );
    expect(await s.h.tplus.db.prisma.statusIncident.count()).toBe(0);

    const enough = new Date(T0.getTime() + 48 * HOUR);
    expect(
      fieldErrors((await submitMaintenance(s.h, { startsAt: enough, endsAt: new Date(enough.getTime() + HOUR) })).body),
    ).toBeUndefined();
    expect(
      fieldErrors(
        (
          await submitMaintenance(s.h, {
            startsAt: short,
            endsAt: new Date(short.getTime() + HOUR),
            isForced: true,
            title: 'Urgent patch',
          })
        ).body,
      ),
    ).toBeUndefined();
    const rows = await s.h.tplus.db.prisma.statusIncident.findMany({ orderBy: { id: 'asc' } });
    expect(
      rows.map((r) => [r.name, r.status, r.isForced, r.scheduledFor?.getTime(), r.announcedAt?.getTime()]),
    ).toEqual([
      ['Database upgrade', 'scheduled', false, enough.getTime(), T0.getTime()],
      ['Urgent patch', 'scheduled', true, short.getTime(), T0.getTime()],
    ]);
    // Announced ahead: no component changes state yet.
    expect(await s.h.tplus.db.prisma.componentStatusChange.count()).toBe(0);
    // Acme uses the API: both announcements reach it, the forced one saying it is short notice.
    await s.at(0);
    const posts = statusPostsIn(s.h.emulator, ids.acme.channel);
    expect(posts.map((p) => [p.text, p.blocks.includes('Announced with less than 48 h notice')])).toEqual([
      ['Scheduled maintenance: Database upgrade', false],
      ['Scheduled maintenance: Urgent patch', true],
    ]);
    // And the public page shows it on the forced one only.
    const html = await (await fetch(s.h.url.replace('/slack/events', '/status'))).text();
    expect(html.match(/Announced at short notice/g)).toHaveLength(1);
    expect(html.indexOf('Announced at short notice')).toBeGreaterThan(html.indexOf('Urgent patch'));
  });

  it('refuses a window in the past, an end before the start, no components, and a non-responder', async () => {
    s = await startIncidentScenario();
    const later = new Date(T0.getTime() + 72 * HOUR);
    expect(
      Object.keys(
        fieldErrors(
          (await submitMaintenance(s.h, { startsAt: new Date(T0.getTime() - HOUR), endsAt: later, isForced: true }))
            .body,
        ) ?? {},
      ),
    ).toEqual([BLOCK.maintenanceStartDate]);
    expect(
      Object.keys(
        fieldErrors(
          (await submitMaintenance(s.h, { startsAt: later, endsAt: new Date(later.getTime() - MINUTE) })).body,
        ) ?? {},
      ),
    ).toEqual([BLOCK.maintenanceEndDate]);
    expect(
      Object.keys(
        fieldErrors(
          (await submitMaintenance(s.h, { startsAt: later, endsAt: new Date(later.getTime() + HOUR), components: [] }))
            .body,
        ) ?? {},
      ),
    ).toEqual([BLOCK.maintenanceComponents]);
    expect(
      fieldErrors(
        (
          await submitMaintenance(s.h, {
            startsAt: later,
            endsAt: new Date(later.getTime() + HOUR),
            user: ids.acme.user,
            userTeam: ids.acme.team,
          })
        ).body,
      )?.[BLOCK.maintenanceTitle],
    ).toMatch(/Only on-call responders/);
    expect(await s.h.tplus.db.prisma.statusIncident.count()).toBe(0);
  });

  it('moves to in progress at the window start and to completed at its end, not a millisecond before, telling the customers', async () => {
    s = await startIncidentScenario();
    const start = 50 * HOUR;
    const end = 52 * HOUR;
    await submitMaintenance(s.h, {
      startsAt: new Date(T0.getTime() + start),
      endsAt: new Date(T0.getTime() + end),
      components: ['dashboard'],
    });
    await s.at(0);
    const state = async () => {
      const page = await summary(s.h);
      return [page.scheduled_maintenances[0]?.status, componentState(page, 'dashboard')];
    };
    expect(await state()).toEqual(['scheduled', 'operational']);
    await s.at(start - 1);
    expect(await state()).toEqual(['scheduled', 'operational']);
    await s.at(start);
    expect(await state()).toEqual(['in_progress', 'under_maintenance']);
    await s.at(end - 1);
    expect(await state()).toEqual(['in_progress', 'under_maintenance']);
    await s.at(end);
    expect((await summary(s.h)).scheduled_maintenances.map((m) => m.status)).not.toContain('in_progress');
    expect(componentState(await summary(s.h), 'dashboard')).toBe('operational');
    const row = await s.h.tplus.db.prisma.statusIncident.findFirstOrThrow();
    expect(row.status).toBe('completed');
    // Dashboard is used by both customers: announced, started, completed, once each.
    for (const channel of [ids.acme.channel, ids.globex.channel]) {
      expect(statusPostsIn(s.h.emulator, channel).map((p) => p.text.split(':')[0])).toEqual([
        'Scheduled maintenance',
        'Maintenance in progress',
        'Maintenance completed',
      ]);
    }
  });
});
