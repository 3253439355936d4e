import { DateTime } from 'luxon';
import { BLOCK, VIEW } from '../../src/slack/ids.ts';
import type { SlackEmulator } from '../../src/sandbox/slack-emulator/index.ts';
import { config, ids, type Harness } from './harness.ts';
import { modalSubmission } from './payloads.ts';

export interface Summary {
  status: { indicator: string };
  components: { id: string; name: string; status: string }[];
  incidents: { id: string; name: string; status: string; incident_updates: { status: string; body: string }[] }[];
  scheduled_maintenances: { id: string; name: string; status: string }[];
}

/** GET /api/v2/summary.json from the running tplus, as a monitor would read it. */
export async function summary(h: Harness): Promise<Summary> {
  const response = await fetch(h.url.replace('/slack/events', '/api/v2/summary.json'));
  if (response.status !== 200) throw new Error(`summary.json answered ${response.status}`);
  return (await response.json()) as Summary;
}

/** The public state of a component (by its configured name) in summary.json. */
export function componentState(s: Summary, componentId: string): string | undefined {
  const name = config.components.find((c) => c.id === componentId)?.name;
  return s.components.find((c) => c.name === name)?.status;
}

/** Status-update posts delivered into a channel (outbox keys `status:<id>:update:<id>:customer:<customer>`). */
export function statusPostsIn(
  emulator: SlackEmulator,
  channel: string,
): { key: string; text: string; blocks: string }[] {
  return emulator
    .messagesIn(channel)
    .map((m) => ({
      key: String(m.metadata?.event_payload.key ?? ''),
      text: m.text,
      blocks: JSON.stringify(m.blocks ?? []),
    }))
    .filter((m) => /^status:\d+:update:\d+:customer:/.test(m.key));
}

const select = (value: string) => ({ type: 'static_select', selected_option: { value } });

/** Submits "Update status" for an incident. */
export function submitStatus(
  h: Harness,
  {
    incidentId,
    status,
    message,
    components,
    user = ids.responder,
    userTeam = ids.ourTeam,
  }: {
    incidentId: number;
    status: string;
    message: string;
    components: Record<string, string>;
    user?: string;
    userTeam?: string;
  },
) {
  const values: Record<string, Record<string, unknown>> = {
    [BLOCK.statusState]: { [BLOCK.statusState]: select(status) },
    [BLOCK.statusMessage]: { [BLOCK.statusMessage]: { type: 'plain_text_input', value: message } },
  };
  for (const [id, state] of Object.entries(components))
    values[`${BLOCK.statusComponentPrefix}${id}`] = { [`${BLOCK.statusComponentPrefix}${id}`]: select(state) };
  return h.send(
    'interaction',
    modalSubmission({
      callbackId: VIEW.statusModal,
      privateMetadata: JSON.stringify({ incidentId }),
      user,
      userTeam,
      values,
    }),
  );
}

/** Submits "Schedule maintenance" with a window given as instants, entered in the page's zone. */
export function submitMaintenance(
  h: Harness,
  {
    startsAt,
    endsAt,
    components = ['api'],
    isForced = false,
    title = 'Database upgrade',
    message = 'The API is read-only while we upgrade its database.',
    user = ids.responder,
    userTeam = ids.ourTeam,
  }: {
    startsAt: Date;
    endsAt: Date;
    components?: string[];
    isForced?: boolean;
    title?: string;
    message?: string;
    user?: string;
    userTeam?: string;
  },
) {
  const zone = config.statusPage.timeZone;
  const date = (at: Date) => ({
    type: 'datepicker',
    selected_date: DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd'),
  });
  const time = (at: Date) => ({
    type: 'timepicker',
    selected_time: DateTime.fromJSDate(at, { zone }).toFormat('HH:mm'),
  });
  const values: Record<string, Record<string, unknown>> = {
    [BLOCK.maintenanceTitle]: { [BLOCK.maintenanceTitle]: { type: 'plain_text_input', value: title } },
    [BLOCK.maintenanceMessage]: { [BLOCK.maintenanceMessage]: { type: 'plain_text_input', value: message } },
    [BLOCK.maintenanceStartDate]: { [BLOCK.maintenanceStartDate]: date(startsAt) },
    [BLOCK.maintenanceStartTime]: { [BLOCK.maintenanceStartTime]: time(startsAt) },
    [BLOCK.maintenanceEndDate]: { [BLOCK.maintenanceEndDate]: date(endsAt) },
    [BLOCK.maintenanceEndTime]: { [BLOCK.maintenanceEndTime]: time(endsAt) },
    [BLOCK.maintenanceComponents]: {
      [BLOCK.maintenanceComponents]: {
        type: 'multi_static_select',
        selected_options: components.map((value) => ({ value })),
      },
    },
    [BLOCK.maintenanceForce]: {
      [BLOCK.maintenanceForce]: { type: 'checkboxes', selected_options: isForced ? [{ value: 'force' }] : [] },
    },
  };
  return h.send(
    'interaction',
    modalSubmission({
      callbackId: VIEW.maintenanceModal,
      privateMetadata: JSON.stringify({ timeZone: zone }),
      user,
      userTeam,
      values,
    }),
  );
}

/** The field errors of a view submission's answer, or undefined when the modal closed. */
export function fieldErrors(body: string): Record<string, string> | undefined {
  if (!body) return undefined;
  const parsed = JSON.parse(body) as { response_action?: string; errors?: Record<string, string> };
  return parsed.response_action === 'errors' ? parsed.errors : undefined;
}
