import type { OutboxEffect } from '../usecases/ports.ts';

/**
 * The dispatcher's lanes: items in one lane are delivered in order, one at a time; lanes go side
 * by side. A lane is where an item goes (its channel, the item it threads under or edits, a
 * PagerDuty incident, a subscriber) and, for posts, what it is about: the posts of one ticket or
 * one incident keep their order (an incident channel's timeline, a thread's replies), while the
 * cards of different tickets in the triage channel need not wait for each other.
 */
export function laneOf(effect: OutboxEffect): string {
  switch (effect.kind) {
    case 'slack.post':
      // A post into a channel it names; else it waits for the item it threads under or whose
      // channel it uses, and shares that item's lane (a new incident channel's first posts follow
      // its creation at once).
      if (effect.channel) return `${effect.channel}|${subjectOf(effect.key)}`;
      return (effect.threadOf ?? effect.channelOf)?.key ?? 'slack';
    case 'slack.update':
    case 'slack.pin':
      return effect.target.key;
    case 'slack.create-channel':
      return effect.key;
    case 'slack.invite':
      return effect.channel || effect.channelOf?.key || 'slack';
    case 'slack.publish-home':
      return `home:${effect.userId}`;
    case 'pagerduty.event':
      return `pagerduty:${effect.event.dedupKey}`;
    // One status incident's mirror goes in order: its updates wait for the create.
    case 'statuspage.sync':
      return (effect.incidentOf ?? effect).key;
    case 'email.send':
    case 'webhook.post':
      return `subscriber:${effect.subscriberId}`;
  }
}

/** What an outbox key is about: its first two parts (`ticket:12`, `incident:3`), else the key. */
function subjectOf(key: string): string {
  const parts = key.split(':');
  return parts.length > 2 ? `${parts[0]}:${parts[1]}` : key;
}
