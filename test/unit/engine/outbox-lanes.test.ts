import { describe, expect, it } from 'vitest';
import { laneOf } from '../../../src/engine/outbox-lanes.ts';
import type { OutboxEffect } from '../../../src/usecases/ports.ts';

const post = (key: string, where: { channel?: string; threadOf?: string; channelOf?: string }): OutboxEffect => ({
  kind: 'slack.post',
  key,
  channel: where.channel ?? '',
  ...(where.threadOf ? { threadOf: { key: where.threadOf } } : {}),
  ...(where.channelOf ? { channelOf: { key: where.channelOf } } : {}),
  message: { view: 'text', data: { text: key } },
});

describe('outbox lanes', () => {
  it('cards of different tickets in one channel go side by side; one ticket’s posts stay in order', () => {
    const card = (id: number) => laneOf(post(`ticket:${id}:card`, { channel: 'C0TRIAGE' }));
    expect(card(1)).not.toBe(card(2));
    expect(laneOf(post('ticket:1:card', { channel: 'C0TRIAGE' }))).toBe(
      laneOf(post('ticket:1:sla-breach', { channel: 'C0TRIAGE' })),
    );
  });

  it('an incident channel’s timeline is one lane, whatever the step', () => {
    const room = { channelOf: 'incident:7:channel' };
    expect(laneOf(post('incident:7:step:3:post', room))).toBe(laneOf(post('incident:7:step:9:post', room)));
    // ... and the channel's creation is in it too, so its first posts follow at once.
    const create: OutboxEffect = {
      kind: 'slack.create-channel',
      key: 'incident:7:channel',
      name: 'inc-7',
      invite: [],
      incidentId: 7,
    };
    expect(laneOf(post('incident:7:step:3:post', room))).toBe(laneOf(create));
  });

  it('replies in one thread keep their order, and a thread is not another thread', () => {
    expect(laneOf(post('ticket:4:ack-notice', { threadOf: 'ticket:4:card' }))).toBe(
      laneOf(post('ticket:4:reclassified', { threadOf: 'ticket:4:card' })),
    );
    expect(laneOf(post('ticket:4:ack-notice', { threadOf: 'ticket:4:card' }))).not.toBe(
      laneOf(post('ticket:5:ack-notice', { threadOf: 'ticket:5:card' })),
    );
  });

  it('edits of one message share a lane; a key without parts is its own subject', () => {
    const update = (key: string): OutboxEffect => ({
      kind: 'slack.update',
      key,
      target: { key: 'ticket:4:card' },
      message: { view: 'ticket-card', ticketId: 4 },
    });
    expect(laneOf(update('ticket:4:card:ack:1'))).toBe(laneOf(update('ticket:4:card:resolved:2')));
    expect(laneOf(post('welcome', { channel: 'C1' }))).not.toBe(laneOf(post('goodbye', { channel: 'C1' })));
  });
});
