import { escapeMrkdwn } from '../escape.ts';
import type { RenderedMessage } from './ticket-messages.ts';

const EMOJI: Record<string, string> = {
  investigating: ':large_orange_circle:',
  identified: ':large_orange_circle:',
  monitoring: ':large_yellow_circle:',
  resolved: ':large_green_circle:',
  scheduled: ':calendar:',
  in_progress: ':hammer_and_wrench:',
  verifying: ':large_yellow_circle:',
  completed: ':large_green_circle:',
};
const LABEL: Record<string, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  scheduled: 'Scheduled maintenance',
  in_progress: 'Maintenance in progress',
  verifying: 'Verifying',
  completed: 'Maintenance completed',
};

/**
 * A public status update as posted into a customer's channel. Every part is escaped: a name,
 * message or provider written with `<!channel>` or `<https://x|y>` is shown, never executed.
 */
export function statusUpdateMessage({
  status,
  name,
  body,
  affected,
  window,
  notice = '',
}: {
  status: string;
  name: string;
  body: string;
  affected: string;
  window: string;
  notice?: string;
}): RenderedMessage {
  const label = LABEL[status] ?? escapeMrkdwn(status);
  const lines = [
    `${EMOJI[status] ?? ':information_source:'} *${label}* · ${escapeMrkdwn(name)}`,
    escapeMrkdwn(body),
    ...(window ? [`*Window:* ${escapeMrkdwn(window)}`] : []),
    ...(notice ? [`:warning: ${escapeMrkdwn(notice)}`] : []),
    ...(affected ? [`_Affected: ${escapeMrkdwn(affected)}_`] : []),
  ];
  const text = lines.join('\n');
  return {
    text: `${label}: ${escapeMrkdwn(name)}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}
