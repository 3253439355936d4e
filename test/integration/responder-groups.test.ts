import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildEventCallback } from '../../src/sandbox/driver/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import type { TplusConfig } from '../../src/config/schema.ts';
import { ACTION } from '../../src/slack/ids.ts';
import { ids, startEmulator } from '../support/harness.ts';
import { MINUTE, startIncidentScenario, T0 } from '../support/incident-scenario.ts';
import { buttonPress } from '../support/payloads.ts';

const GROUP = 'S0SUPPORT1';
const ALICE = 'U0GROUPA01';
const BOB = 'U0GROUPB01';
const STATUS_QUESTION = 'Exports to CSV have been slow since this morning, about a minute each. Everything else works.';

/** The example config with the responders' user group. */
const withGroup = (c: TplusConfig): TplusConfig => ({ ...c, responders: { ...c.responders, userGroups: [GROUP] } });

type Scenario = Awaited<ReturnType<typeof startIncidentScenario>>;

describe('responders by user group (responders.userGroups)', () => {
  let s: Scenario;
  let slack: SlackEmulator;
  afterEach(async () => {
    await s?.close();
    await slack.close();
  });

  const now = () => s.clock.now().getTime() - T0.getTime();
  /** Lets the engine tick (which starts the group lookup when due) and waits for the lookup. */
  const refresh = async () => {
    await s.at(now());
    await s.h.tplus.responderGroups.idle();
  };
  const groupChanged = async () => {
    const event = buildEventCallback({
      teamId: ids.ourTeam,
      event: { type: 'subteam_members_changed', subteam_id: GROUP, team_id: ids.ourTeam, event_ts: '1764000000.1' },
    });
    expect((await s.h.send('event', event)).status).toBe(200);
    await s.h.settle();
    await refresh();
  };
  const pressAcknowledge = async (ticketId: number, user: string) => {
    await s.h.send('interaction', buttonPress({ actionId: ACTION.acknowledge, value: String(ticketId), user }));
    await s.at(now());
    return (await s.h.tplus.db.prisma.ticket.findUniqueOrThrow({ where: { id: ticketId } })).status;
  };
  const health = async () =>
    (await (await fetch(s.h.url.replace('/slack/events', '/healthz'))).json()) as {
      responderGroups?: { group: string; members: number; lookupFailed?: string; note?: string }[];
    };

  it('lets an added member acknowledge after the refresh, refuses a removed one, and keeps the list when the lookup fails', async () => {
    slack = await startEmulator();
    slack.workspace.usergroups.set(GROUP, [ALICE]);
    s = await startIncidentScenario({
      emulator: slack,
      configOverride: withGroup,
    });
    await refresh();
    const first = (await s.file(STATUS_QUESTION)).ticket;
    const second = (await s.file(`${STATUS_QUESTION} (second account)`)).ticket;
    const third = (await s.file(`${STATUS_QUESTION} (third account)`)).ticket;

    // Bob is not in the group yet: refused.
    expect(await pressAcknowledge(first.id, BOB)).toBe('open');
    // Added to the group; Slack says so; after the refresh he can acknowledge.
    slack.workspace.usergroups.set(GROUP, [ALICE, BOB]);
    await groupChanged();
    expect(await pressAcknowledge(first.id, BOB)).toBe('acknowledged');
    // Alice is removed: refused.
    slack.workspace.usergroups.set(GROUP, [BOB]);
    await groupChanged();
    expect(await pressAcknowledge(second.id, ALICE)).toBe('open');
    expect((await health()).responderGroups).toEqual([
      { group: GROUP, members: 1, refreshedAt: expect.any(String) as string },
    ]);

    // Ten minutes later the lookup fails: Bob stays a responder, and /healthz says the list is the last known.
    slack.failAll({ mode: '5xx' });
    await s.at(now() + 10 * MINUTE);
    await s.h.tplus.responderGroups.idle();
    slack.heal();
    expect(slack.calls.filter((c) => c.method === 'usergroups.users.list' && c.httpStatus === 500).length).toBe(1);
    const [state] = (await health()).responderGroups ?? [];
    expect(state).toMatchObject({ group: GROUP, members: 1, note: 'keeping the last known members' });
    expect(state?.lookupFailed).toMatch(/500/);
    expect(await pressAcknowledge(third.id, BOB)).toBe('acknowledged');
  });

  it('keeps the last looked-up members across a restart while Slack cannot be reached', async () => {
    slack = await startEmulator();
    slack.workspace.usergroups.set(GROUP, [BOB]);
    const dir = mkdtempSync(join(tmpdir(), 'tplus-groups-'));
    try {
      s = await startIncidentScenario({ emulator: slack, dir, configOverride: withGroup });
      await refresh();
      await s.close();
      slack.failAll({ mode: '5xx' });
      s = await startIncidentScenario({ emulator: slack, dir, configOverride: withGroup });
      await refresh();
      const [state] = (await health()).responderGroups ?? [];
      expect(state).toMatchObject({ group: GROUP, members: 1, note: 'keeping the last known members' });
      slack.heal();
      const { ticket } = await s.file(STATUS_QUESTION);
      expect(await pressAcknowledge(ticket.id, BOB)).toBe('acknowledged');
    } finally {
      await s.close();
      s = undefined as unknown as Scenario;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
