import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSlashCommand } from '../../src/sandbox/driver/index.ts';
import { ACTION, BLOCK, VIEW } from '../../src/slack/ids.ts';
import { ids, startHarness, type Harness } from '../support/harness.ts';
import { buttonPress, modalSubmission, nextTs } from '../support/payloads.ts';

describe('an incident declared with /tplus incident', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  const command = (text: string, user = ids.responder, team = ids.ourTeam) =>
    h.send(
      'command',
      buildSlashCommand({
        teamId: team,
        user: { id: user, teamId: team },
        channel: ids.triage,
        command: '/tplus',
        text,
        triggerId: `trig-${nextTs()}`,
      }),
    );

  it('starts the runbook of the given severity, posts its card in triage, and pages', async () => {
    const response = await command('incident S1 Checkout API returns 500 for every customer');
    expect(JSON.parse(response.body).text).toMatch(/^Declared INC-\d+ as S1/);
    await h.tplus.engine.tick();
    await h.settle();
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({ where: { source: 'declared' } });
    expect(incident.severity).toBe('S1');
    expect(JSON.parse(incident.components)).toEqual(['api']);
    const card = h.emulator
      .messagesIn(ids.triage)
      .find((m) => m.metadata?.event_payload.key === `incident:${incident.id}:card`);
    expect(JSON.stringify(card)).toContain(`inc:${incident.id}`);
    expect(h.pagerduty.events.map((e) => e.event_action)).toEqual(['trigger']);
  });

  it('refuses the command to anyone who is not a responder, declaring nothing', async () => {
    const before = await h.tplus.db.prisma.incident.count();
    const response = await command('incident S1 everything is on fire', ids.acme.user, ids.acme.team);
    expect(JSON.parse(response.body).text).toContain('Only on-call responders');
    expect(await h.tplus.db.prisma.incident.count()).toBe(before);
  });

  it('is acknowledged and resolved from its card, in PagerDuty too, and shows its timeline', async () => {
    const incident = await h.tplus.db.prisma.incident.findFirstOrThrow({ where: { source: 'declared' } });
    await h.send(
      'interaction',
      buttonPress({
        actionId: ACTION.acknowledge,
        value: `inc:${incident.id}`,
        user: ids.acme.user,
        userTeam: ids.acme.team,
      }),
    );
    await h.settle();
    expect(
      (await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedAt,
    ).toBeNull();
    await h.send('interaction', buttonPress({ actionId: ACTION.acknowledge, value: `inc:${incident.id}` }));
    await h.settle();
    expect((await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).acknowledgedBy).toBe(
      ids.responder,
    );
    const resolved = await h.send(
      'interaction',
      modalSubmission({
        callbackId: VIEW.resolveModal,
        privateMetadata: JSON.stringify({ incidentId: incident.id }),
        user: ids.responder,
        userTeam: ids.ourTeam,
        values: {
          [BLOCK.resolutionSummary]: {
            [BLOCK.resolutionSummary]: {
              type: 'plain_text_input',
              value: 'Reverted the payment-service config change.',
            },
          },
          [BLOCK.upstream]: { [BLOCK.upstream]: { type: 'static_select', selected_option: { value: 'no' } } },
        },
      }),
    );
    expect(resolved.body).toBe('');
    await h.settle();
    expect(
      (await h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).resolvedAt,
    ).not.toBeNull();
    expect(h.pagerduty.events.map((e) => e.event_action)).toEqual(['trigger', 'acknowledge', 'resolve']);
    const card = h.emulator
      .messagesIn(ids.triage)
      .find((m) => m.metadata?.event_payload.key === `incident:${incident.id}:card`);
    expect(JSON.stringify(card)).toContain('Resolved');
    expect(JSON.stringify(card)).not.toContain(ACTION.acknowledge);

    const timeline = JSON.parse((await command(`timeline INC-${incident.id}`)).body).text as string;
    expect(timeline).toContain('declared as S1');
    expect(timeline).toContain('Paged on-call');
    expect(timeline).toContain(`<@${ids.responder}>`);
    expect(timeline).toContain('Resolved by');
  });
});
