import { expect } from 'vitest';
import { buildBlockActions, buildEventCallback, sendSigned } from '../../src/sandbox/driver/index.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { ids, SIGNING_SECRET } from './harness.ts';
import { nextTs } from './payloads.ts';

export type HomeBlock = {
  type: string;
  block_id: string;
  text: { text: string };
  accessory?: { action_id: string; value: string };
};

/** Slack's app_home_opened for `user`, signed and sent to tplus at `url`. */
export async function openHome(url: string, user: string): Promise<void> {
  const event = buildEventCallback({
    teamId: ids.ourTeam,
    event: { type: 'app_home_opened', user, channel: 'D0HOME0001', tab: 'home', event_ts: nextTs() },
  });
  const response = await sendSigned(url, { signingSecret: SIGNING_SECRET, kind: 'event', payload: event });
  expect(response.status).toBe(200);
}

export const publishesTo = (emulator: SlackEmulator, user: string) =>
  emulator.callsTo('views.publish').filter((c) => c.args.user_id === user);

/** The user's Home as last published: block id → block. */
export function home(emulator: SlackEmulator, user: string): Map<string, HomeBlock> {
  const last = publishesTo(emulator, user)
    .filter((c) => c.httpStatus === 200)
    .at(-1);
  expect(last, `a Home published for ${user}`).toBeDefined();
  const view = (typeof last!.args.view === 'string' ? JSON.parse(last!.args.view) : last!.args.view) as {
    type: string;
    blocks: HomeBlock[];
  };
  expect(view.type).toBe('home');
  return new Map(view.blocks.map((b) => [b.block_id, b]));
}

/** A button press on the Home tab: a block_actions payload whose container is the Home view (no channel). */
export function homeButtonPress({ actionId, value, user }: { actionId: string; value: string; user: string }) {
  const {
    channel: _channel,
    message: _message,
    ...press
  } = buildBlockActions({
    teamId: ids.ourTeam,
    user: { id: user, teamId: ids.ourTeam },
    channel: 'unused',
    actionId,
    value,
    triggerId: `trig-${nextTs()}`,
  });
  return { ...press, container: { type: 'view', view_id: 'V0HOME0001' }, view: { id: 'V0HOME0001', type: 'home' } };
}
