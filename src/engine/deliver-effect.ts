import type { WebClient } from '@slack/web-api';
import type { OutboxEffect, OutboxItem, OutboxStore, TicketStore } from '../usecases/ports.ts';
import type { IncidentStore } from '../usecases/incident-ports.ts';
import type { MessageRenderer } from '../slack/render-message.ts';
import type { PagerDutyEvents } from '../pagerduty/index.ts';
import { findPostedByKey, OUTBOX_EVENT_TYPE } from './slack-delivery.ts';

export interface Deliverers {
  client: WebClient;
  outbox: OutboxStore;
  tickets: TicketStore;
  incidents?: IncidentStore;
  pager?: PagerDutyEvents;
  render: MessageRenderer;
}

export type Delivered = { outcome: 'delivered'; result: { channel: string; ts: string } | null } | { outcome: 'waiting' } | { outcome: 'dropped'; why: string };

type Of<K extends OutboxEffect['kind']> = Extract<OutboxEffect, { kind: K }>;

async function post(d: Deliverers, item: OutboxItem, effect: Of<'slack.post'>): Promise<Delivered> {
  const rendered = await d.render(effect.message);
  if (!rendered) return { outcome: 'dropped', why: 'the message refers to something that no longer exists' };
  const dependency = effect.threadOf ?? effect.channelOf;
  const parent = dependency ? await d.outbox.resultOf(dependency.key) : undefined;
  if (dependency && !parent) return { outcome: 'waiting' };
  const channel = effect.channelOf ? (parent?.channel ?? '') : effect.channel || parent?.channel || '';
  const threadTs = effect.threadTs ?? (effect.threadOf ? parent?.ts : undefined);
  let posted = item.isAmbiguous ? await findPostedByKey(d.client, { channel, threadTs, key: item.key }) : undefined;
  if (!posted) {
    const response = await d.client.chat.postMessage({
      channel, text: rendered.text, blocks: rendered.blocks as never, thread_ts: threadTs, unfurl_links: false, unfurl_media: false,
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
  await d.client.chat.update({ channel: target.channel, ts: target.ts, text: rendered.text, blocks: rendered.blocks as never });
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

/**
 * Creating a channel is not idempotent in Slack, so an item retried after an unclear answer first
 * looks for the channel by name (a name we chose for this incident) before creating it.
 */
async function createChannel(d: Deliverers, item: OutboxItem, effect: Of<'slack.create-channel'>): Promise<Delivered> {
  let channelId: string | undefined;
  for (let attempt = 0; attempt < 5 && !channelId; attempt += 1) {
    const name = attempt === 0 ? effect.name : `${effect.name.slice(0, 76)}-${attempt + 1}`;
    const response = await d.client.conversations.create({ name }).catch((error: unknown) => {
      if ((error as { data?: { error?: string } }).data?.error === 'name_taken') return undefined;
      throw error;
    });
    channelId = response?.channel?.id;
    if (!channelId && item.isAmbiguous && attempt === 0) {
      // Our own earlier attempt may have created it: take it if it is ours to take.
      const found = await d.client.conversations.info({ channel: `#${name}` }).catch(() => undefined);
      channelId = found?.channel?.id;
    }
  }
  if (!channelId) throw new Error(`could not create a channel named like ${effect.name}`);
  if (effect.invite.length > 0) {
    await d.client.conversations.invite({ channel: channelId, users: effect.invite.join(',') }).catch((error: unknown) => {
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

/** Carries out one outbox effect. Throws what the platform threw; the dispatcher classifies it. */
export async function deliverEffect(d: Deliverers, item: OutboxItem): Promise<Delivered> {
  const effect = item.effect;
  switch (effect.kind) {
    case 'slack.post': return post(d, item, effect);
    case 'slack.update': return update(d, effect);
    case 'slack.pin': return pin(d, effect);
    case 'slack.create-channel': return createChannel(d, item, effect);
    case 'pagerduty.event': return page(d, effect);
  }
}
