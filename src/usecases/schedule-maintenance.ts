import { isResponder } from '../domain/customer-directory.ts';
import type { Clock } from './ports.ts';
import { REFUSE_NOT_RESPONDER, type StatusOutcome } from './publish-status-update.ts';
import { publicationEffects } from './status-effects.ts';
import { MAX_STATUS_MESSAGE, MAX_STATUS_NAME, MIN_STATUS_MESSAGE, type StatusPolicy } from './status-policy.ts';
import type { StatusStore } from './status-ports.ts';

const HOUR = 3_600_000;

export interface MaintenanceRequest {
  title: string;
  message: string;
  /** Undefined when the form's date or time was missing or unreadable. */
  startsAt: Date | undefined;
  endsAt: Date | undefined;
  componentIds: string[];
  /** Publish even with less notice than the contract promises; recorded and shown. */
  isForced: boolean;
}

function hoursAndMinutes(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Errors keyed `title`, `message`, `start`, `end`, `components`; empty when the request is sound. */
export function validateMaintenance(
  policy: StatusPolicy,
  request: MaintenanceRequest,
  now: Date,
): Record<string, string> {
  const errors: Record<string, string> = {};
  const title = request.title.trim();
  if (title.length < 3 || title.length > MAX_STATUS_NAME)
    errors.title = `Give the maintenance a public title (3 to ${MAX_STATUS_NAME} characters).`;
  const message = request.message.trim();
  if (message.length < MIN_STATUS_MESSAGE || message.length > MAX_STATUS_MESSAGE)
    errors.message = `Write the public message (${MIN_STATUS_MESSAGE} to ${MAX_STATUS_MESSAGE} characters): what changes for customers.`;
  const known = new Set(policy.components.map((c) => c.id));
  if (request.componentIds.length === 0) errors.components = 'Choose the components the maintenance affects.';
  else if (request.componentIds.some((id) => !known.has(id)))
    errors.components = `Unknown component(s): ${request.componentIds.filter((id) => !known.has(id)).join(', ')}.`;
  const { startsAt, endsAt } = request;
  if (!startsAt) errors.start = `Give the start date and time (${policy.timeZone}).`;
  else if (startsAt.getTime() <= now.getTime()) errors.start = 'The window must start in the future.';
  else {
    const notice = startsAt.getTime() - now.getTime();
    if (notice < policy.maintenanceNoticeHours * HOUR && !request.isForced) {
      errors.start = `Maintenance must be announced at least ${policy.maintenanceNoticeHours} h ahead; this one starts in ${hoursAndMinutes(notice)}. Tick “Publish even with less than ${policy.maintenanceNoticeHours} h notice” to publish it anyway (it is shown as short notice).`;
    }
  }
  if (!endsAt) errors.end = `Give the end date and time (${policy.timeZone}).`;
  else if (startsAt && endsAt.getTime() <= startsAt.getTime()) errors.end = 'The window must end after it starts.';
  return errors;
}

/**
 * Announces a maintenance window (responders only). Its components keep their state until the
 * window starts; the engine moves it to in progress and completed at the window's edges.
 */
export async function scheduleMaintenance({
  statuses,
  policy,
  clock,
  actor,
  request,
  causeInboxId,
}: {
  statuses: StatusStore;
  policy: StatusPolicy;
  clock: Clock;
  actor: { id: string; teamId: string | undefined };
  request: MaintenanceRequest;
  causeInboxId?: number;
}): Promise<StatusOutcome> {
  if (!isResponder(policy.responderIds, policy.directory.ourTeamId, actor))
    return { outcome: 'refused', message: REFUSE_NOT_RESPONDER };
  const now = clock.now();
  const errors = validateMaintenance(policy, request, now);
  if (Object.keys(errors).length > 0 || !request.startsAt || !request.endsAt) return { outcome: 'invalid', errors };
  const { startsAt, endsAt } = request;
  // Forced is recorded only when the notice really was short: the page shows it as such.
  const isForced = request.isForced && startsAt.getTime() - now.getTime() < policy.maintenanceNoticeHours * HOUR;
  const name = request.title.trim();
  const body = request.message.trim();
  // Listed with the state the window will set; isAnnouncement keeps today's states untouched.
  const components = [...new Set(request.componentIds)].map((componentId) => ({
    componentId,
    state: 'under_maintenance' as const,
  }));
  const written = await statuses.publish({
    target: {
      create: {
        kind: 'maintenance',
        name,
        impact: 'maintenance',
        scheduledFor: startsAt,
        scheduledUntil: endsAt,
        isForced,
      },
    },
    status: 'scheduled',
    body,
    components,
    isAnnouncement: true,
    actor: actor.id,
    at: now,
    effectsFor: (w) =>
      publicationEffects(policy, {
        ...w,
        isCreated: true,
        kind: 'maintenance',
        name,
        status: 'scheduled',
        body,
        components,
        scheduledFor: startsAt,
        scheduledUntil: endsAt,
        isForced,
      }),
    ...(causeInboxId !== undefined ? { causeInboxId } : {}),
  });
  return written ? { outcome: 'published', statusIncidentId: written.statusIncidentId } : { outcome: 'replayed' };
}
