import type { WebClient } from '@slack/web-api';
import type { OutboxEffect, OutboxItem, OutboxStore, TicketStore } from '../usecases/ports.ts';
import type { IncidentStore } from '../usecases/incident-ports.ts';
import type { MessageRenderer } from '../slack/render-message.ts';
import type { PagerDutyEvents } from '../pagerduty/index.ts';
import { findPostedByKey, OUTBOX_EVENT_TYPE } from './slack-delivery.ts';
import type { StatuspageClient } from '../statuspage/statuspage-client.ts';
import { deliverEmail, deliverWebhook, type SubscriberDeliverers } from './subscriber-delivery.ts';

export interface Deliverers {
  client: WebClient;
  outbox: OutboxStore;
  tickets: TicketStore;
  incidents?: IncidentStore;
  /** Our bot's user id: a channel it created is ours to take over after an unclear answer. */
  botUserId?: string;
  pager?: PagerDutyEvents;
  statuspage?: StatuspageClient;
  render: MessageRenderer;
  /** A user's App Home view, rendered now; without it Home items are dropped. */
  renderHome?: (userId: string) => Promise<object>;
  /** Status subscribers' mail and webhooks; their items are dropped when absent. */
  subscriptions?: SubscriberDeliverers;
  /** The wall-clock time before which an item's post cannot have been made (bounds a look-up). */
  postedNoEarlierThan?: (item: OutboxItem) => Date;
  /**
   * Right before a post: whether the item's lease still outlasts a call (renewed if short). False
   * when it was taken over meanwhile (the render and the look-up took long, or the process was
   * paused): the post is then left to the new holder, which looks for it before posting.
   */
  isStillHeld?: (item: OutboxItem) => Promise<boolean>;
}

export type Delivered =
  | { outcome: 'delivered'; result: { channel: string; ts: string } | null }
  | { outcome: 'waiting' }
  | { outcome: 'dropped'; why: string }
  | { outcome: 'taken-over' };

type Of<K extends OutboxEffect['kind']> = Extract<OutboxEffect, { kind: K }>;

async function post(d: Deliverers, item: OutboxItem, effect: Of<'slack.post'>): Promise<Delivered> {
  const rendered = await d.render(effect.message);
  if (!rendered) return { outcome: 'dropped', why: 'the message refers to something that no longer exists' };
  const dependency = effect.threadOf ?? effect.channelOf;
  const parent = dependency ? await d.outbox.resultOf(dependency.key) : undefined;
  if (dependency && !parent) return { outcome: 'waiting' };
  let channel = effect.channelOf ? (parent?.channel ?? '') : effect.channel || parent?.channel || '';
  // A DM is addressed by user id, but its history (for the look-up after an unclear answer) is
  // read by the DM channel's id: open it first, which is idempotent.
  if (/^[UW][A-Z0-9]+$/.test(channel))
    channel = String((await d.client.conversations.open({ users: channel })).channel?.id ?? channel);
  const threadTs = effect.threadTs ?? (effect.threadOf ? parent?.ts : undefined);
  const since = d.postedNoEarlierThan?.(item);
  let posted = item.isAmbiguous
    ? await findPostedByKey(d.client, { channel, threadTs, key: item.key, ...(since ? { since } : {}) })
    : undefined;
  if (!posted) {
    if (d.isStillHeld && !(await d.isStillHeld(item))) return { outcome: 'taken-over' };
    const response = await d.client.chat.postMessage({
      channel,
      text: rendered.text,
      blocks: rendered.blocks as never,
      thread_ts: threadTs,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { key: item.key } },
    });
    posted = { channel: String(response.channel ?? channel), ts: String(response.ts) };
  }
  if (effect.anchorsTicketId !== undefined) await d.tickets.setThread(effect.anchorsTicketId, posted.ts);
  return { outcome: 'delivered', result: posted };
}

async function update(d: Deliverers, effect: Of<'slack.update'>): Promise<Delivered> {
  const rendered = await d.render(effect.message);
  if (!rendered) return { outcome: 'dropped', why: 'the message refers to something that no longer exists' };
  const target = await d.outbox.resultOf(effect.target.key);
  if (!target) return { outcome: 'waiting' };
  await d.client.chat.update({
    channel: target.channel,
    ts: target.ts,
    text: rendered.text,
    blocks: rendered.blocks as never,
  });
  return { outcome: 'delivered', result: target };
}

async function pin(d: Deliverers, effect: Of<'slack.pin'>): Promise<Delivered> {
  const target = await d.outbox.resultOf(effect.target.key);
  if (!target) return { outcome: 'waiting' };
  await d.client.pins.add({ channel: target.channel, timestamp: target.ts }).catch((error: unknown) => {
    if ((error as { data?: { error?: string } }).data?.error !== 'already_pinned') throw error;
  });
  return { outcome: 'delivered', result: null };
}

/** One person into a channel; Slack's `already_in_channel` (an earlier attempt got through) is success. */
async function invite(d: Deliverers, effect: Of<'slack.invite'>): Promise<Delivered> {
  const created = effect.channelOf ? await d.outbox.resultOf(effect.channelOf.key) : undefined;
  if (effect.channelOf && !created) return { outcome: 'waiting' };
  const channel = created?.channel ?? effect.channel;
  await d.client.conversations.invite({ channel, users: effect.user }).catch((error: unknown) => {
    if ((error as { data?: { error?: string } }).data?.error !== 'already_in_channel') throw error;
  });
  return { outcome: 'delivered', result: null };
}

/** A channel named `name` that our bot created (by an earlier attempt whose answer was lost). */
async function findOwnChannel(d: Deliverers, name: string): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < 20; page += 1) {
    const response = await d.client.conversations.list({
      types: 'public_channel',
      exclude_archived: true,
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    const found = response.channels?.find((c) => c.name === name && (!d.botUserId || c.creator === d.botUserId));
    if (found?.id) return found.id;
    cursor = response.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

/**
 * Creating a channel is not idempotent in Slack: when the name is taken, the channel our bot
 * created for this incident (by an earlier attempt of this item) is taken over before a
 * numbered name is tried.
 */
async function createChannel(d: Deliverers, effect: Of<'slack.create-channel'>): Promise<Delivered> {
  let channelId: string | undefined;
  for (let attempt = 0; attempt < 5 && !channelId; attempt += 1) {
    const name = attempt === 0 ? effect.name : `${effect.name.slice(0, 76)}-${attempt + 1}`;
    const response = await d.client.conversations.create({ name }).catch((error: unknown) => {
      if ((error as { data?: { error?: string } }).data?.error === 'name_taken') return undefined;
      throw error;
    });
    channelId = response?.channel?.id;
    // Taken: perhaps by our own earlier attempt (its answer lost, or a later call of the same
    // item failed, e.g. a rate-limited invite). The name holds the incident id, so ours is the one.
    if (!channelId && attempt === 0) channelId = await findOwnChannel(d, name);
  }
  if (!channelId) throw new Error(`could not create a channel named like ${effect.name}`);
  if (effect.invite.length > 0) {
    await d.client.conversations
      .invite({ channel: channelId, users: effect.invite.join(',') })
      .catch((error: unknown) => {
        if ((error as { data?: { error?: string } }).data?.error !== 'already_in_channel') throw error;
      });
  }
  await d.incidents?.setChannel(effect.incidentId, channelId);
  return { outcome: 'delivered', result: { channel: channelId, ts: '' } };
}

async function page(d: Deliverers, effect: Of<'pagerduty.event'>): Promise<Delivered> {
  if (!d.pager) return { outcome: 'dropped', why: 'PagerDuty is not configured (PAGERDUTY_ROUTING_KEY)' };
  await d.pager.send(effect.event);
  return { outcome: 'delivered', result: null };
}

/**
 * Statuspage has no idempotency key: a create whose answer was unclear is looked up by the
 * marker it carries before it is sent again. The created incident's id is this item's result
 * (as `ts`), which later updates of the same status incident wait for.
 */
async function syncStatuspage(d: Deliverers, item: OutboxItem, effect: Of<'statuspage.sync'>): Promise<Delivered> {
  if (!d.statuspage) return { outcome: 'dropped', why: 'Statuspage is not configured (STATUSPAGE_API_KEY)' };
  const where = `statuspage:${effect.pageId}`;
  if (effect.incidentOf) {
    const created = await d.outbox.resultOf(effect.incidentOf.key);
    if (!created)
      return (await d.outbox.stateOf(effect.incidentOf.key)) === 'pending'
        ? { outcome: 'waiting' }
        : { outcome: 'dropped', why: 'the status incident was never created on Statuspage' };
    await d.statuspage.update(effect.pageId, created.ts, effect.incident);
    return { outcome: 'delivered', result: created };
  }
  const found = item.isAmbiguous
    ? await d.statuspage.findByMarker(effect.pageId, effect.incident.name, item.key)
    : undefined;
  return {
    outcome: 'delivered',
    result: { channel: where, ts: found ?? (await d.statuspage.create(effect.pageId, effect.incident, item.key)) },
  };
}

const noSubscriptions: Delivered = { outcome: 'dropped', why: 'status subscriptions are not set up' };

/** Carries out one outbox effect. Throws what the platform threw; the dispatcher classifies it. */
export async function deliverEffect(d: Deliverers, item: OutboxItem): Promise<Delivered> {
  const effect = item.effect;
  switch (effect.kind) {
    case 'slack.post':
      return post(d, item, effect);
    case 'slack.update':
      return update(d, effect);
    case 'slack.pin':
      return pin(d, effect);
    case 'slack.create-channel':
      return createChannel(d, effect);
    case 'slack.invite':
      return invite(d, effect);
    case 'slack.publish-home':
      if (!d.renderHome) return { outcome: 'dropped', why: 'the App Home is not set up' };
      // views.publish replaces the whole tab: repeating it is harmless.
      await d.client.views.publish({ user_id: effect.userId, view: (await d.renderHome(effect.userId)) as never });
      return { outcome: 'delivered', result: null };
    case 'pagerduty.event':
      return page(d, effect);
    case 'statuspage.sync':
      return syncStatuspage(d, item, effect);
    case 'email.send':
      return d.subscriptions ? deliverEmail(d.subscriptions, item, effect) : noSubscriptions;
    case 'webhook.post':
      return d.subscriptions ? deliverWebhook(d.subscriptions, item, effect) : noSubscriptions;
  }
}
