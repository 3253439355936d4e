import { COMPONENT_STATES, type ComponentState } from '../../domain/uptime/index.ts';
import { INCIDENT_STATUSES, type IncidentStatus } from '../../usecases/status-ports.ts';
import { MAX_STATUS_MESSAGE, MAX_STATUS_NAME, STATE_LABEL } from '../../usecases/status-policy.ts';
import { BLOCK, VIEW } from '../ids.ts';

const input = (
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  isOptional = false,
  hint?: string,
) => ({
  type: 'input',
  block_id: blockId,
  optional: isOptional,
  label: { type: 'plain_text', text: label.slice(0, 2000) },
  element: { action_id: blockId, ...element },
  ...(hint ? { hint: { type: 'plain_text', text: hint.slice(0, 2000) } } : {}),
});
const option = (text: string, value: string) => ({ text: { type: 'plain_text', text: text.slice(0, 75) }, value });

export const NOT_AFFECTED = 'not_affected';
const STATUS_LABEL: Record<IncidentStatus, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
/** Slack allows 100 blocks in a modal; two are the state and the message. */
const MAX_COMPONENT_BLOCKS = 95;

/**
 * "Update status": the public state, the public message, and a state per component (affected
 * ones first, preset to their state; the rest "Not affected"). The incident id travels in
 * private_metadata.
 */
export function statusModal({
  incidentId,
  ref,
  status,
  components,
}: {
  incidentId: number;
  ref: string;
  status: IncidentStatus | undefined;
  components: { id: string; name: string; state: ComponentState | undefined }[];
}) {
  const ordered = [...components.filter((c) => c.state), ...components.filter((c) => !c.state)].slice(
    0,
    MAX_COMPONENT_BLOCKS,
  );
  const stateOptions = [
    option('Not affected', NOT_AFFECTED),
    ...COMPONENT_STATES.map((s) => option(STATE_LABEL[s], s)),
  ];
  const initialStatus = status ?? 'investigating';
  return {
    type: 'modal',
    callback_id: VIEW.statusModal,
    private_metadata: JSON.stringify({ incidentId }),
    title: { type: 'plain_text', text: `Status · ${ref}`.slice(0, 24) },
    submit: { type: 'plain_text', text: 'Publish' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(
        BLOCK.statusState,
        'Public state',
        {
          type: 'static_select',
          initial_option: option(STATUS_LABEL[initialStatus], initialStatus),
          options: INCIDENT_STATUSES.map((s) => option(STATUS_LABEL[s], s)),
        },
        false,
        'Resolved returns every affected component to operational.',
      ),
      input(
        BLOCK.statusMessage,
        'Public message',
        {
          type: 'plain_text_input',
          multiline: true,
          max_length: MAX_STATUS_MESSAGE,
          placeholder: {
            type: 'plain_text',
            text: 'What customers see: what is affected and what we are doing. No internal names or links.',
          },
        },
        false,
        'Published on the status page and posted in every affected customer’s channel.',
      ),
      ...ordered.map((c) =>
        input(`${BLOCK.statusComponentPrefix}${c.id}`, c.name, {
          type: 'static_select',
          options: stateOptions,
          initial_option: c.state ? option(STATE_LABEL[c.state], c.state) : stateOptions[0],
        }),
      ),
    ],
  };
}

/**
 * "Schedule maintenance": title, public message, window in the page's zone, components, and the short-notice override.
 */
export function maintenanceModal({
  components,
  timeZone,
  noticeHours,
}: {
  components: { id: string; name: string }[];
  timeZone: string;
  noticeHours: number;
}) {
  const when = (date: string, time: string, label: string) => [
    input(date, `${label} date (${timeZone})`, { type: 'datepicker' }),
    input(time, `${label} time (${timeZone})`, { type: 'timepicker', timezone: timeZone }),
  ];
  return {
    type: 'modal',
    callback_id: VIEW.maintenanceModal,
    private_metadata: JSON.stringify({ timeZone }),
    title: { type: 'plain_text', text: 'Schedule maintenance' },
    submit: { type: 'plain_text', text: 'Announce' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      input(BLOCK.maintenanceTitle, 'Public title', {
        type: 'plain_text_input',
        max_length: MAX_STATUS_NAME,
        placeholder: { type: 'plain_text', text: 'Database upgrade' },
      }),
      input(BLOCK.maintenanceMessage, 'Public message', {
        type: 'plain_text_input',
        multiline: true,
        max_length: MAX_STATUS_MESSAGE,
        placeholder: { type: 'plain_text', text: 'What changes for customers during the window' },
      }),
      ...when(BLOCK.maintenanceStartDate, BLOCK.maintenanceStartTime, 'Start'),
      ...when(BLOCK.maintenanceEndDate, BLOCK.maintenanceEndTime, 'End'),
      input(BLOCK.maintenanceComponents, 'Affected components', {
        type: 'multi_static_select',
        options: components.slice(0, 100).map((c) => option(c.name, c.id)),
      }),
      input(
        BLOCK.maintenanceForce,
        'Short notice',
        {
          type: 'checkboxes',
          options: [option(`Publish even with less than ${noticeHours} h notice`, 'force')],
        },
        true,
        `The contract promises ${noticeHours} h notice of maintenance; a forced announcement is shown as short notice.`,
      ),
    ],
  };
}
