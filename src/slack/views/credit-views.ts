import { ACTION, BLOCK, VIEW } from '../ids.ts';
import { quoteCustomerText } from '../escape.ts';
import type { RenderedMessage } from './ticket-messages.ts';

/** "Request a service credit": the incident id and an optional note; private_metadata carries the channel. */
export function creditModal({ channelId, claimWindowDays }: { channelId: string; claimWindowDays: number }) {
  return {
    type: 'modal',
    callback_id: VIEW.creditModal,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Request a credit' },
    submit: { type: 'plain_text', text: 'Request' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Service credits are computed from your monthly uptime under your contract. Request one within ${claimWindowDays} days of the incident's end.`,
        },
      },
      {
        type: 'input',
        block_id: BLOCK.creditIncident,
        label: { type: 'plain_text', text: 'Incident id' },
        element: {
          type: 'plain_text_input',
          action_id: BLOCK.creditIncident,
          max_length: 20,
          placeholder: { type: 'plain_text', text: 'INC-12' },
        },
      },
      {
        type: 'input',
        block_id: BLOCK.creditNote,
        optional: true,
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: BLOCK.creditNote, multiline: true, max_length: 2000 },
      },
    ],
  };
}

/**
 * The claim as its reviewer sees it: `summary` was composed from our own records; the customer's
 * note is quoted and escaped here.
 */
export function creditClaimMessage({
  claimId,
  summary,
  note,
}: {
  claimId: number;
  summary: string;
  note: string;
}): RenderedMessage {
  return {
    text: summary.slice(0, 300),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: summary.slice(0, 2900) } },
      ...(note
        ? [{ type: 'section', text: { type: 'mrkdwn', text: `Their note:\n${quoteCustomerText(note, 2000)}` } }]
        : []),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: ACTION.approveCredit,
            text: { type: 'plain_text', text: 'Approve' },
            style: 'primary',
            value: String(claimId),
          },
          {
            type: 'button',
            action_id: ACTION.rejectCredit,
            text: { type: 'plain_text', text: 'Reject' },
            style: 'danger',
            value: String(claimId),
          },
        ],
      },
    ],
  };
}
