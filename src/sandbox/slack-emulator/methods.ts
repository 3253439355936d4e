import type { EmulatedMessage, EmulatedWorkspace } from './workspace.ts';

export type Args = Record<string, unknown>;
export type SlackAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

export interface MethodContext {
  workspace: EmulatedWorkspace;
  teamId: string;
  botUserId: string;
  botId: string;
  socketUrl: () => string;
}

type Method = (args: Args, ctx: MethodContext) => SlackAnswer;

const fail = (error: string): SlackAnswer => ({ ok: false, error });
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
/** Slack's `oldest` argument: only messages after that Unix time (a ts) are listed. */
const isAfter = (ts: string, oldest: unknown) => str(oldest) === undefined || Number(ts) > Number(oldest);

function postMessage(args: Args, ctx: MethodContext): SlackAnswer {
  const channel = ctx.workspace.resolveChannel(str(args.channel) ?? '');
  if (!channel) return fail('channel_not_found');
  const text = str(args.text);
  const blocks = Array.isArray(args.blocks) ? args.blocks : undefined;
  if (!text && !blocks) return fail('no_text');
  const threadTs = str(args.thread_ts);
  const message: EmulatedMessage = {
    type: 'message',
    channel: channel.id,
    ts: ctx.workspace.nextTs(),
    text: text ?? '',
    user: ctx.botUserId,
    bot_id: ctx.botId,
    ...(blocks ? { blocks } : {}),
    ...(threadTs ? { thread_ts: threadTs } : {}),
    ...(args.metadata && typeof args.metadata === 'object'
      ? { metadata: args.metadata as EmulatedMessage['metadata'] }
      : {}),
  };
  ctx.workspace.messages.push(message);
  const { channel: _c, metadata: _m, ...shown } = message;
  return { ok: true, channel: channel.id, ts: message.ts, message: shown };
}

/** Slack only returns metadata when asked for it. */
function present(messages: EmulatedMessage[], withMetadata: boolean): Record<string, unknown>[] {
  return messages.map(({ channel: _c, isDeleted: _d, metadata, ...rest }) =>
    withMetadata && metadata ? { ...rest, metadata } : rest,
  );
}

function openView(args: Args, ctx: MethodContext, requireTrigger: boolean): SlackAnswer {
  if (requireTrigger && !str(args.trigger_id) && !str(args.interactivity_pointer)) return fail('invalid_arguments');
  if (!args.view || typeof args.view !== 'object') return fail('invalid_arguments');
  const id = str(args.view_id) ?? ctx.workspace.nextViewId();
  const view = { ...(args.view as Record<string, unknown>), id, team_id: ctx.teamId };
  ctx.workspace.views.set(id, view);
  return { ok: true, view };
}

export const METHODS: Record<string, Method> = {
  'api.test': () => ({ ok: true }),
  'auth.test': (_a, ctx) => ({
    ok: true,
    url: 'https://emulated.slack.invalid/',
    team: 'tplus',
    user: 'tplus',
    team_id: ctx.teamId,
    user_id: ctx.botUserId,
    bot_id: ctx.botId,
  }),
  'chat.postMessage': postMessage,
  'chat.postEphemeral': (args, ctx) => {
    if (!ctx.workspace.resolveChannel(str(args.channel) ?? '')) return fail('channel_not_found');
    if (!str(args.user)) return fail('user_not_in_channel');
    return { ok: true, message_ts: ctx.workspace.nextTs() };
  },
  'chat.update': (args, ctx) => {
    const message = ctx.workspace.find(str(args.channel) ?? '', str(args.ts) ?? '');
    if (!message) return fail('message_not_found');
    if (typeof args.text === 'string') message.text = args.text;
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    message.edited = { ts: ctx.workspace.nextTs() };
    return { ok: true, channel: message.channel, ts: message.ts, text: message.text };
  },
  'chat.delete': (args, ctx) => {
    const message = ctx.workspace.find(str(args.channel) ?? '', str(args.ts) ?? '');
    if (!message) return fail('message_not_found');
    message.isDeleted = true;
    return { ok: true, channel: message.channel, ts: message.ts };
  },
  'pins.add': (args, ctx) => {
    const channel = ctx.workspace.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const ts = str(args.timestamp) ?? '';
    if (!ctx.workspace.find(channel.id, ts)) return fail('message_not_found');
    if (channel.pins.has(ts)) return fail('already_pinned');
    channel.pins.add(ts);
    return { ok: true };
  },
  'reactions.add': (args, ctx) =>
    ctx.workspace.channels.has(str(args.channel) ?? '') ? { ok: true } : fail('channel_not_found'),
  'views.open': (args, ctx) => openView(args, ctx, true),
  'views.push': (args, ctx) => openView(args, ctx, true),
  'views.update': (args, ctx) =>
    str(args.view_id) && !ctx.workspace.views.has(str(args.view_id) as string)
      ? fail('not_found')
      : openView(args, ctx, false),
  'views.publish': (args, ctx) => (str(args.user_id) ? openView(args, ctx, false) : fail('invalid_arguments')),
  'conversations.info': (args, ctx) => {
    const channel = ctx.workspace.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    return {
      ok: true,
      channel: {
        id: channel.id,
        name: channel.name,
        is_channel: true,
        is_ext_shared: channel.isExtShared,
        is_member: true,
      },
    };
  },
  'conversations.history': (args, ctx) => {
    if (!ctx.workspace.channels.has(str(args.channel) ?? '')) return fail('channel_not_found');
    const top = ctx.workspace
      .messagesIn(str(args.channel) as string)
      .filter((m) => (!m.thread_ts || m.thread_ts === m.ts) && isAfter(m.ts, args.oldest));
    const limit = Number(args.limit ?? 100);
    // Newest first, a page at a time: the cursor is the offset of the next page.
    const offset = Number(str(args.cursor) ?? 0) || 0;
    const hasMore = top.length > offset + limit;
    return {
      ok: true,
      messages: present(
        top.reverse().slice(offset, offset + limit),
        args.include_all_metadata === true || args.include_all_metadata === 'true',
      ),
      has_more: hasMore,
      ...(hasMore ? { response_metadata: { next_cursor: String(offset + limit) } } : {}),
    };
  },
  'conversations.replies': (args, ctx) => {
    const channel = str(args.channel) ?? '';
    if (!ctx.workspace.channels.has(channel)) return fail('channel_not_found');
    const ts = str(args.ts) ?? '';
    const parent = ctx.workspace.find(channel, ts);
    const replies = ctx.workspace.messagesIn(channel, { threadTs: ts }).filter((m) => isAfter(m.ts, args.oldest));
    const thread = [...(parent ? [parent] : []), ...replies];
    return {
      ok: true,
      messages: present(thread, args.include_all_metadata === true || args.include_all_metadata === 'true'),
      has_more: false,
    };
  },
  'conversations.create': (args, ctx) => {
    const name = str(args.name);
    if (!name || !/^[a-z0-9_-]{1,80}$/.test(name)) return fail('invalid_name');
    if ([...ctx.workspace.channels.values()].some((c) => c.name === name)) return fail('name_taken');
    const channel = ctx.workspace.createChannel(name, ctx.botUserId);
    return { ok: true, channel: { id: channel.id, name: channel.name, is_channel: true, creator: ctx.botUserId } };
  },
  'conversations.open': (args, ctx) => {
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length !== 1) return fail(users.length === 0 ? 'users_list_not_supplied' : 'not_implemented');
    const channel = ctx.workspace.resolveChannel(users[0] as string);
    return channel ? { ok: true, channel: { id: channel.id } } : fail('user_not_found');
  },
  'conversations.list': (_args, ctx) => ({
    ok: true,
    channels: [...ctx.workspace.channels.values()]
      .filter((c) => !c.id.startsWith('D'))
      .map((c) => ({
        id: c.id,
        name: c.name,
        is_channel: true,
        is_ext_shared: c.isExtShared,
        ...(c.creator ? { creator: c.creator } : {}),
      })),
    response_metadata: { next_cursor: '' },
  }),
  'conversations.invite': (args, ctx) => {
    const channel = ctx.workspace.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    const users = (str(args.users) ?? '').split(',').filter(Boolean);
    if (users.length === 0) return fail('no_user');
    // As Slack: one member already there fails the call (and invites nobody) unless `force` is set.
    const already = users.filter((u) => channel.members.has(u));
    const isForced = args.force === true || args.force === 'true';
    if (already.length > 0 && !isForced)
      return {
        ok: false,
        error: 'already_in_channel',
        errors: already.map((user) => ({ user, ok: false, error: 'already_in_channel' })),
      };
    for (const user of users) channel.members.add(user);
    return { ok: true, channel: { id: channel.id, name: channel.name } };
  },
  'conversations.join': (args, ctx) => {
    const channel = ctx.workspace.channels.get(str(args.channel) ?? '');
    if (!channel) return fail('channel_not_found');
    channel.members.add(ctx.botUserId);
    return { ok: true, channel: { id: channel.id, name: channel.name } };
  },
  'users.info': (args, ctx) => {
    const id = str(args.user) ?? '';
    const user = ctx.workspace.users.get(id);
    if (!user)
      return /^[UW][A-Z0-9]+$/.test(id)
        ? { ok: true, user: { id, team_id: ctx.teamId, name: id.toLowerCase(), real_name: id } }
        : fail('user_not_found');
    return {
      ok: true,
      user: { id: user.id, team_id: user.teamId, name: user.name, real_name: user.name, is_bot: user.isBot ?? false },
    };
  },
  'usergroups.users.list': (args, ctx) => {
    const members = ctx.workspace.usergroups.get(str(args.usergroup) ?? '');
    return members ? { ok: true, users: [...members] } : fail('no_such_subteam');
  },
  'apps.connections.open': (_a, ctx) => ({ ok: true, url: ctx.socketUrl() }),
};
