import { SEVERITIES, type Severity } from '../../domain/types.ts';
import { ticketRef } from '../../domain/ticket.ts';
import { BLOCK, VIEW } from '../ids.ts';

const input = (blockId: string, label: string, element: Record<string, unknown>, isOptional = false) => ({
  type: 'input',
  block_id: blockId,
  optional: isOptional,
  label: { type: 'plain_text', text: label },
  element: { action_id: blockId, ...element },
});
const option = (text: string, value: string) => ({ text: { type: 'plain_text', text }, value });

/** The "Open a ticket" modal; private_metadata carries the channel it was opened from. */
export function ticketModal({
  channelId,
  components,
  maxSummaryLength,
  meaning,
}: {
  channelId: string;
  components: { id: string; name: string }[];
  maxSummaryLength: number;
  meaning: (s: Severity) => string;
}) {
  return {
    type: 'modal',
    callback_id: VIEW.ticketModal,
    private_metadata: JSON.stringify({ channelId }),
    title: { type: 'plain_text', text: 'Open a ticket' },
    submit: { type: 'plain_text', text: 'Submit' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(BLOCK.summary, 'Summary', {
        type: 'plain_text_input',
        max_length: maxSummaryLength,
        placeholder: { type: 'plain_text', text: 'One line: what is wrong?' },
      }),
      input(BLOCK.description, 'Description', { type: 'plain_text_input', multiline: true, max_length: 3000 }),
      input(
        BLOCK.impact,
        'Impact',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: 1000,
          placeholder: { type: 'plain_text', text: 'Who is affected, and is there a workaround?' },
        },
        true,
      ),
      ...(components.length > 0
        ? [
            input(
              BLOCK.component,
              'Affected component',
              { type: 'static_select', options: components.map((c) => option(c.name.slice(0, 75), c.id)) },
              true,
            ),
          ]
        : []),
      input(
        BLOCK.proposedSeverity,
        'Proposed severity',
        { type: 'static_select', options: SEVERITIES.map((s) => option(`${s} — ${meaning(s)}`.slice(0, 75), s)) },
        true,
      ),
    ],
  };
}

export function reclassifyModal({
  ticketId,
  current,
  meaning,
}: {
  ticketId: number;
  current: Severity;
  meaning: (s: Severity) => string;
}) {
  return {
    type: 'modal',
    callback_id: VIEW.reclassifyModal,
    private_metadata: JSON.stringify({ ticketId }),
    title: { type: 'plain_text', text: `Reclassify ${ticketRef(ticketId)}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Reclassify' },
    blocks: [
      input(BLOCK.severity, 'New severity', {
        type: 'static_select',
        initial_option: option(`${current} — ${meaning(current)}`.slice(0, 75), current),
        options: SEVERITIES.map((s) => option(`${s} — ${meaning(s)}`.slice(0, 75), s)),
      }),
      input(BLOCK.reason, 'Reason', { type: 'plain_text_input', multiline: true, max_length: 1000 }),
    ],
  };
}

/**
 * Resolve: a summary for the record and the cause (upstream and customer-caused incidents are excluded from credits).
 */
export function resolveModal({
  ticketId,
  incidentId,
  providers,
}: {
  ticketId?: number;
  incidentId?: number;
  providers: string[];
}) {
  return {
    type: 'modal',
    callback_id: VIEW.resolveModal,
    private_metadata: JSON.stringify(ticketId !== undefined ? { ticketId } : { incidentId }),
    title: {
      type: 'plain_text',
      text: `Resolve ${ticketId !== undefined ? ticketRef(ticketId) : `INC-${incidentId}`}`.slice(0, 24),
    },
    submit: { type: 'plain_text', text: 'Resolve' },
    blocks: [
      input(BLOCK.resolutionSummary, 'Resolution summary', {
        type: 'plain_text_input',
        multiline: true,
        max_length: 2000,
        placeholder: { type: 'plain_text', text: 'What was wrong and what fixed it' },
      }),
      input(
        BLOCK.upstream,
        'What caused it? (upstream and customer-caused incidents are excluded from uptime and credits)',
        {
          type: 'static_select',
          initial_option: option('Our own systems', 'no'),
          options: [
            option('Our own systems', 'no'),
            option('An upstream provider', 'yes'),
            option('The customer', 'customer'),
          ],
        },
      ),
      ...(providers.length > 0
        ? [
            input(
              BLOCK.upstreamProvider,
              'Upstream provider',
              { type: 'static_select', options: providers.map((p) => option(p.slice(0, 75), p.slice(0, 75))) },
              true,
            ),
          ]
        : []),
    ],
  };
}

type StateValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null }>
>;

/** The channel a customer-facing modal was opened from, kept in its private metadata ('' when missing or forged). */
export function channelFrom(privateMetadata: string): string {
  try {
    const parsed = JSON.parse(privateMetadata) as { channelId?: unknown };
    return typeof parsed.channelId === 'string' ? parsed.channelId : '';
  } catch {
    return '';
  }
}

/** Reads a submitted modal's values by block id (action ids equal block ids in our modals). */
export function readValues(values: StateValues): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const field = actions[blockId] ?? Object.values(actions)[0];
    out[blockId] = field?.selected_option?.value ?? field?.value ?? undefined;
  }
  return out;
}
