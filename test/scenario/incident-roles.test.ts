import { afterEach, describe, expect, it } from 'vitest';
import { buildSlashCommand } from '../../src/sandbox/driver/index.ts';
import { ids } from '../support/harness.ts';
import { startIncidentScenario, T0 } from '../support/incident-scenario.ts';
import { nextTs } from '../support/payloads.ts';
import { submitStatus } from '../support/status-helpers.ts';

const OUTAGE = 'Production is down: every API request returns 503 and none of our users can log in. No workaround.';
const MANAGER = 'U0EMGR0001';

type Scenario = Awaited<ReturnType<typeof startIncidentScenario>>;

async function tplus(s: Scenario, text: string, channel: string) {
  const response = await s.h.send(
    'command',
    buildSlashCommand({
      teamId: ids.ourTeam,
      user: { id: ids.responder, teamId: ids.ourTeam },
      channel,
      command: '/tplus',
      text,
      triggerId: `trig-${nextTs()}`,
    }),
  );
  await s.at(s.clock.now().getTime() - T0.getTime());
  return JSON.parse(response.body) as { response_type: string; text: string };
}

/** A responder's public status update ("identified") from the Update status modal. */
async function publishIdentified(s: Scenario, incidentId: number) {
  await submitStatus(s.h, {
    incidentId,
    status: 'identified',
    message: 'We found the cause and are rolling back.',
    components: { api: 'partial_outage' },
    user: ids.responder,
    userTeam: ids.ourTeam,
  });
}

/** The pinned summary as Slack shows it now: block id → text. */
function pinnedSummary(s: Scenario, channel: string): Record<string, string> {
  const pins = s.h.emulator.workspace.channels.get(channel)!.pins;
  expect(pins.size).toBe(1);
  const message = s.h.emulator.messagesIn(channel).find((m) => pins.has(m.ts))!;
  return Object.fromEntries(
    (message.blocks as { block_id: string; text: { text: string } }[]).map((b) => [b.block_id, b.text.text]),
  );
}

describe('incident roles and the pinned live summary', () => {
  let s: Scenario;
  afterEach(async () => s.close());
  const now = () => s.clock.now().getTime() - T0.getTime();

  it('pins a summary in the incident channel that shows the state after ack, lead change, status update, reclassification and resolution', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(16);
    const channel = (await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId!;
    let pinned = pinnedSummary(s, channel);
    expect(pinned['summary']).toContain(`INC-${incident.id}`);
    expect(pinned['summary:severity']).toBe('*Severity:* S1');
    expect(pinned['summary:status']).toContain('Investigating, not acknowledged');
    expect(pinned['summary:commander']).toContain('nobody yet');
    expect(pinned['summary:customers-affected']).toContain('Acme');
    expect(pinned['summary:next-step']).toContain('Scope assessment');
    expect(pinned['summary:bridge']).toContain('meet.example.com/tplus-incident-bridge');
    expect(pinned['summary:status-page']).toMatch(/investigating/);

    await s.acknowledge(ticket.id);
    pinned = pinnedSummary(s, channel);
    expect(pinned['summary:status']).toBe(`*Status:* :large_orange_circle: Acknowledged by <@${ids.responder}>`);

    expect((await tplus(s, `lead <@${MANAGER}|erin>`, channel)).text).toContain('is now the incident commander');
    expect(pinnedSummary(s, channel)['summary:commander']).toBe(`*Commander:* <@${MANAGER}>`);
    expect((await tplus(s, `role comms <@${ids.responder}>`, channel)).text).toContain('communications lead');
    expect(pinnedSummary(s, channel)['summary:comms']).toBe(`*Comms:* <@${ids.responder}>`);

    await publishIdentified(s, incident.id);
    await s.at(now());
    expect(pinnedSummary(s, channel)['summary:status-page']).toMatch(/identified/);

    await s.reclassify(ticket.id, 'S2');
    expect(pinnedSummary(s, channel)['summary:severity']).toBe('*Severity:* S2');

    expect((await s.resolve(ticket.id)).status).toBe(200);
    pinned = pinnedSummary(s, channel);
    expect(pinned['summary:status']).toContain('Resolved');
    expect(pinned['summary:next-step']).toBe('*Next step:* none');
    // One summary post; every change an edit of it.
    const summaryPosts = s.h.emulator
      .callsTo('chat.postMessage')
      .filter((c) => String(c.args.text).includes('summary:'));
    expect(summaryPosts).toHaveLength(1);
    expect(await s.h.tplus.db.prisma.outboxMessage.count({ where: { state: 'dead' } })).toBe(0);
  });

  it('answers /tplus lead without a user, or naming an external user, with an ephemeral message and changes nothing', async () => {
    s = await startIncidentScenario();
    const { incident } = await s.file(OUTAGE);
    await s.walkTo(16);
    const channel = (await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId!;
    s.h.emulator.workspace.users.set(ids.acme.user, { id: ids.acme.user, teamId: ids.acme.team, name: 'acme-user' });
    const before = await s.h.tplus.db.prisma.outboxMessage.count();
    const missing = await tplus(s, 'lead', channel);
    expect(missing.response_type).toBe('ephemeral');
    expect(missing.text).toMatch(/^Name the person with an @-mention: `\/tplus lead @someone`.*Nothing changed\.$/);
    const external = await tplus(s, `lead <@${ids.acme.user}|pat>`, channel);
    expect(external.response_type).toBe('ephemeral');
    expect(external.text).toMatch(/not in your organisation.*Nothing changed\./);
    const nameOnly = await tplus(s, 'role comms @erin', channel);
    expect(nameOnly.text).toMatch(/^Name the person with an @-mention: `\/tplus role comms @someone`/);
    const elsewhere = await tplus(s, `lead <@${MANAGER}>`, ids.triage);
    expect(elsewhere.text).toMatch(/not an incident channel.*Nothing changed\./);
    const after = await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect([after.commanderId, after.commsId]).toEqual([null, null]);
    expect(await s.h.tplus.db.prisma.incidentEvent.count({ where: { incidentId: incident.id, kind: 'role' } })).toBe(0);
    expect(await s.h.tplus.db.prisma.outboxMessage.count()).toBe(before);
  });

  it('reminds the commander once per 30 minutes of a stale public status, restarts on an update and stops on resolution', async () => {
    s = await startIncidentScenario();
    const { ticket, incident } = await s.file(OUTAGE);
    await s.walkTo(16);
    const channel = (await s.h.tplus.db.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).channelId!;
    await tplus(s, `lead <@${MANAGER}>`, channel);
    const reminders = () =>
      s.h.emulator.messagesIn(channel).filter((m) => m.text.includes('has not been updated for 30 minutes'));
    // "Investigating" was published at T+15 by the runbook.
    await s.walkTo(44);
    expect(reminders()).toHaveLength(0);
    await s.walkTo(45);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain(`<@${MANAGER}>`);
    await s.walkTo(74);
    expect(reminders()).toHaveLength(1);
    await s.walkTo(75);
    expect(reminders()).toHaveLength(2);
    await s.walkTo(80);
    await publishIdentified(s, incident.id);
    await s.walkTo(109);
    expect(reminders()).toHaveLength(2);
    await s.walkTo(110);
    expect(reminders()).toHaveLength(3);
    await s.walkTo(115);
    expect((await s.resolve(ticket.id)).status).toBe(200);
    await s.walkTo(200);
    expect(reminders()).toHaveLength(3);
  });
});
