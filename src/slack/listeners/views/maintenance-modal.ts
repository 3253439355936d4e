import type { App, ViewSubmitAction } from '@slack/bolt';
import { DateTime } from 'luxon';
import { scheduleMaintenance, type MaintenanceRequest } from '../../../usecases/schedule-maintenance.ts';
import { BLOCK, VIEW } from '../../ids.ts';
import { inboxOf, type ListenerDeps } from '../deps.ts';

interface Field {
  value?: string | null;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_options?: { value: string }[] | null;
}
type Values = Record<string, Record<string, Field>>;

/** A date picker's `YYYY-MM-DD` and a time picker's `HH:mm` as an instant in the page's zone. */
export function instantIn(
  date: string | null | undefined,
  time: string | null | undefined,
  timeZone: string,
): Date | undefined {
  if (!date || !time) return undefined;
  const at = DateTime.fromISO(`${date}T${time}`, { zone: timeZone });
  return at.isValid ? at.toJSDate() : undefined;
}

export function readMaintenanceModal(values: Values, timeZone: string): MaintenanceRequest {
  const field = (blockId: string): Field => values[blockId]?.[blockId] ?? {};
  return {
    title: field(BLOCK.maintenanceTitle).value ?? '',
    message: field(BLOCK.maintenanceMessage).value ?? '',
    startsAt: instantIn(
      field(BLOCK.maintenanceStartDate).selected_date,
      field(BLOCK.maintenanceStartTime).selected_time,
      timeZone,
    ),
    endsAt: instantIn(
      field(BLOCK.maintenanceEndDate).selected_date,
      field(BLOCK.maintenanceEndTime).selected_time,
      timeZone,
    ),
    componentIds: (field(BLOCK.maintenanceComponents).selected_options ?? []).map((o) => o.value),
    isForced: (field(BLOCK.maintenanceForce).selected_options ?? []).some((o) => o.value === 'force'),
  };
}

const BLOCK_OF: Record<string, string> = {
  title: BLOCK.maintenanceTitle,
  message: BLOCK.maintenanceMessage,
  start: BLOCK.maintenanceStartDate,
  end: BLOCK.maintenanceEndDate,
  components: BLOCK.maintenanceComponents,
};

/**
 * "Schedule maintenance" submitted: bad input or short notice (unless forced) keeps the modal open with field errors.
 */
export function registerMaintenanceModal(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(VIEW.maintenanceModal, async ({ ack, body, view, context }) => {
    const request = readMaintenanceModal(view.state.values as Values, deps.statusPolicy.timeZone);
    const result = await scheduleMaintenance({
      statuses: deps.statuses,
      policy: deps.statusPolicy,
      clock: deps.clock,
      actor: { id: body.user.id, teamId: body.user.team_id },
      request,
      causeInboxId: inboxOf(context).inboxId,
    });
    if (result.outcome === 'invalid') {
      await ack({
        response_action: 'errors',
        errors: Object.fromEntries(
          Object.entries(result.errors).map(([key, text]) => [BLOCK_OF[key] ?? BLOCK.maintenanceTitle, text]),
        ),
      });
      return;
    }
    if (result.outcome === 'refused') {
      await ack({ response_action: 'errors', errors: { [BLOCK.maintenanceTitle]: result.message } });
      return;
    }
    await ack();
    deps.onCommitted();
  });
}
