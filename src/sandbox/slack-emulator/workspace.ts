/** In-memory state of the emulated Slack workspace: channels, messages, pins, views. */

export interface EmulatedMessage {
  type: 'message';
  channel: string;
  ts: string;
  text: string;
  user: string;
  bot_id?: string;
  blocks?: unknown[];
  thread_ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  edited?: { ts: string };
  isDeleted?: boolean;
}

export interface EmulatedChannel {
  id: string;
  name: string;
  members: Set<string>;
  pins: Set<string>;
  isExtShared: boolean;
  creator?: string;
}

export interface EmulatedUser {
  id: string;
  teamId: string;
  name: string;
  isBot?: boolean;
}

export class EmulatedWorkspace {
  readonly channels = new Map<string, EmulatedChannel>();
  readonly messages: EmulatedMessage[] = [];
  readonly users = new Map<string, EmulatedUser>();
  /** User groups (subteams): id → member user ids, for usergroups.users.list. */
  readonly usergroups = new Map<string, string[]>();
  readonly views = new Map<string, Record<string, unknown>>();
  private lastTsMicros = 0;
  private viewSeq = 0;
  private channelSeq = 0;

  constructor(channels: { id: string; name: string; isExtShared?: boolean }[], users: EmulatedUser[]) {
    for (const c of channels) this.addChannel(c.id, c.name, c.isExtShared ?? false);
    for (const u of users) this.users.set(u.id, u);
  }

  addChannel(id: string, name: string, isExtShared = false): EmulatedChannel {
    const channel: EmulatedChannel = { id, name, members: new Set(), pins: new Set(), isExtShared };
    this.channels.set(id, channel);
    return channel;
  }

  /** A user id as a channel means "DM that user", as chat.postMessage allows. */
  resolveChannel(id: string): EmulatedChannel | undefined {
    const known = this.channels.get(id);
    if (known) return known;
    if (/^U[A-Z0-9]+$/.test(id)) {
      const dm = `D${id.slice(1)}`;
      return this.channels.get(dm) ?? this.addChannel(dm, `dm-${id}`);
    }
    return undefined;
  }

  createChannel(name: string, creator: string): EmulatedChannel {
    this.channelSeq += 1;
    const channel = this.addChannel(`C0EMU${String(this.channelSeq).padStart(5, '0')}`, name);
    channel.creator = creator;
    return channel;
  }

  /** Strictly increasing message timestamps, like Slack's. */
  nextTs(): string {
    const micros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewSeq += 1;
    return `V0EMU${String(this.viewSeq).padStart(6, '0')}`;
  }

  find(channel: string, ts: string): EmulatedMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts && !m.isDeleted);
  }

  /** Without threadTs: every live message in the channel. With it: the replies in that thread. */
  messagesIn(channel: string, { threadTs }: { threadTs?: string } = {}): EmulatedMessage[] {
    return this.messages.filter(
      (m) =>
        m.channel === channel &&
        !m.isDeleted &&
        (threadTs === undefined || (m.thread_ts === threadTs && m.ts !== threadTs)),
    );
  }

  reset(): void {
    this.messages.length = 0;
    this.views.clear();
    for (const c of this.channels.values()) c.pins.clear();
  }
}
