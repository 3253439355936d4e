import type { IncidentSummaryModel } from '../../usecases/incident-summary.ts';
import { escapeMrkdwn } from '../escape.ts';
import type { RenderedMessage } from './ticket-messages.ts';

/** A time shown in each reader's own zone by Slack, with UTC as the fallback text. */
export function slackTime(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

const person = (id: string | null, none: string) => (id ? `<@${id}>` : none);

const STATE_TEXT: Record<IncidentSummaryModel['state'], string> = {
  investigating: ':red_circle: Investigating, not acknowledged',
  acknowledged: ':large_orange_circle: Acknowledged',
  resolved: ':large_green_circle: Resolved',
};

/** The pinned summary of an incident channel: one block per fact, so each reads on its own. */
export function incidentSummary(m: IncidentSummaryModel): RenderedMessage {
  const state =
    m.state === 'acknowledged' && m.acknowledgedBy
      ? `${STATE_TEXT.acknowledged} by <@${m.acknowledgedBy}>`
      : m.state === 'resolved' && m.resolvedAt
        ? `${STATE_TEXT.resolved} ${slackTime(m.resolvedAt)}`
        : STATE_TEXT[m.state];
  const status = m.publicStatus
    ? `${m.publicStatus.url ? `<${m.publicStatus.url}|${m.publicStatus.status}>` : m.publicStatus.status} (updated ${slackTime(m.publicStatus.updatedAt)})`
    : 'not published';
  const facts: [string, string][] = [
    ['Severity', m.severity],
    ['Status', state],
    ['Commander', person(m.commanderId, 'nobody yet: `/tplus lead @someone`')],
    ['Comms', person(m.commsId, 'nobody yet: `/tplus role comms @someone`')],
    ['Customers affected', m.customers.map(escapeMrkdwn).join(', ') || 'none known'],
    ['Components', m.components.map(escapeMrkdwn).join(', ') || 'not known yet'],
    ['Next step', m.nextStep ? `${escapeMrkdwn(m.nextStep.title)} at ${slackTime(m.nextStep.dueAt)}` : 'none'],
    ['Bridge', m.bridgeUrl ?? 'none configured'],
    ['Status page', status],
  ];
  const header = `:pushpin: *${m.ref}* · ${escapeMrkdwn(m.title)} · started ${slackTime(m.startedAt)}`;
  return {
    text: `${m.ref} summary: ${m.severity}, ${m.state}`,
    blocks: [
      { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: header } },
      ...facts.map(([label, value]) => ({
        type: 'section',
        block_id: `summary:${label.toLowerCase().replace(/ /g, '-')}`,
        text: { type: 'mrkdwn', text: `*${label}:* ${value}` },
      })),
    ],
  };
}
