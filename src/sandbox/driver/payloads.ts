import { randomBytes } from 'node:crypto';

const APP_ID = 'A0TPLUSAPP';
const randomId = (prefix: string) => `${prefix}${randomBytes(6).toString('hex').toUpperCase()}`;

/** The outer envelope Slack wraps every Events API event in. */
export function buildEventCallback({
  teamId,
  event,
  eventId,
  eventTime,
  botUserId = 'U0TPLUSBOT',
}: {
  teamId: string;
  event: Record<string, unknown>;
  eventId?: string;
  eventTime?: number;
  botUserId?: string;
}) {
  return {
    token: 'legacy-verification-token-unused',
    team_id: teamId,
    api_app_id: APP_ID,
    event,
    type: 'event_callback',
    event_id: eventId ?? randomId('Ev'),
    event_time: eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: true,
    event_context: randomId('4-ctx-'),
  };
}

interface MessageArgs {
  channel: string;
  user: string;
  /** The author's own workspace: differs from ours for Slack Connect members. */
  userTeam: string;
  text: string;
  ts: string;
  threadTs?: string;
}

function messageFields({ channel, user, userTeam, text, ts, threadTs }: MessageArgs) {
  return {
    user,
    text,
    ts,
    channel,
    team: userTeam,
    user_team: userTeam,
    source_team: userTeam,
    event_ts: ts,
    client_msg_id: randomId('msg-'),
    ...(threadTs ? { thread_ts: threadTs } : {}),
  };
}

export function buildAppMention(args: MessageArgs) {
  return { type: 'app_mention', ...messageFields(args) };
}

export function buildChannelMessage(args: MessageArgs) {
  return { type: 'message', channel_type: 'channel', ...messageFields(args) };
}

/** The fields every interaction payload carries about where it came from and who acted. */
function interactionActor(teamId: string, user: { id: string; teamId: string }) {
  return {
    team: { id: teamId, domain: 'emulated' },
    user: { id: user.id, username: user.id.toLowerCase(), name: user.id.toLowerCase(), team_id: user.teamId },
    api_app_id: APP_ID,
    token: 'legacy-verification-token-unused',
  };
}

export function buildBlockActions({
  teamId,
  user,
  channel,
  actionId,
  value,
  triggerId,
  messageTs,
}: {
  teamId: string;
  user: { id: string; teamId: string };
  channel: string;
  actionId: string;
  value: string;
  triggerId: string;
  messageTs?: string;
}) {
  const ts = messageTs ?? `${Math.floor(Date.now() / 1000)}.000100`;
  return {
    type: 'block_actions',
    ...interactionActor(teamId, user),
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    trigger_id: triggerId,
    channel: { id: channel, name: 'emulated' },
    message: { type: 'message', ts, text: '' },
    is_enterprise_install: false,
    actions: [
      { type: 'button', action_id: actionId, block_id: randomId('b'), value, action_ts: `${Date.now() / 1000}` },
    ],
  };
}

export function buildViewSubmission({
  teamId,
  user,
  callbackId,
  values,
  privateMetadata,
  viewId,
}: {
  teamId: string;
  user: { id: string; teamId: string };
  callbackId: string;
  values: Record<string, Record<string, unknown>>;
  privateMetadata: string;
  viewId: string;
}) {
  return {
    type: 'view_submission',
    ...interactionActor(teamId, user),
    trigger_id: randomId('trig-'),
    view: {
      id: viewId,
      team_id: teamId,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: randomId('h'),
      title: { type: 'plain_text', text: 'tplus' },
      blocks: [],
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

export function buildSlashCommand({
  teamId,
  user,
  channel,
  command,
  text,
  triggerId,
}: {
  teamId: string;
  user: { id: string; teamId: string };
  channel: string;
  command: string;
  text: string;
  triggerId: string;
}) {
  return {
    token: 'legacy-verification-token-unused',
    team_id: user.teamId,
    team_domain: 'emulated',
    channel_id: channel,
    channel_name: 'emulated',
    user_id: user.id,
    user_name: user.id.toLowerCase(),
    command,
    text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: 'http://127.0.0.1:9/unused',
    trigger_id: triggerId,
    ...(teamId !== user.teamId ? { enterprise_id: '' } : {}),
  };
}
