import { DateTime } from 'luxon';
import type { MessageSpec, OutboxEffect } from './ports.ts';
import type { ComponentImpact, PublicStatus } from './status-ports.ts';
import { componentName, impactOf, STATE_LABEL, type StatusPolicy } from './status-policy.ts';

/** One written status update, as the channel posts and the Statuspage mirror describe it. */
export interface WrittenUpdate {
  statusIncidentId: number;
  updateId: number;
  /** This update opened the status incident (Statuspage: create, not update). */
  isCreated: boolean;
  kind: 'incident' | 'maintenance';
  name: string;
  status: PublicStatus;
  body: string;
  /** Every affected component and its state after this update. */
  components: readonly ComponentImpact[];
  scheduledFor?: Date | null;
  scheduledUntil?: Date | null;
  /** A maintenance announced with less notice than the contract promises: said so wherever it is posted. */
  isForced?: boolean;
}

export const statuspageCreateKey = (statusIncidentId: number): string => `status:${statusIncidentId}:statuspage:create`;

/** "Tue 1 Dec 2026, 22:00 – Wed 2 Dec, 01:00 (America/New_York)". */
export function formatWindow(from: Date, until: Date, timeZone: string): string {
  const a = DateTime.fromJSDate(from, { zone: timeZone });
  const b = DateTime.fromJSDate(until, { zone: timeZone });
  const end = a.hasSame(b, 'day') ? b.toFormat('HH:mm') : b.toFormat('ccc d LLL, HH:mm');
  return `${a.toFormat('ccc d LLL yyyy, HH:mm')} – ${end} (${timeZone})`;
}

/** The channel post's content, plain: the Slack view escapes every part of it. */
function customerPost(policy: StatusPolicy, u: WrittenUpdate): MessageSpec {
  const window =
    u.kind === 'maintenance' && u.scheduledFor && u.scheduledUntil
      ? formatWindow(u.scheduledFor, u.scheduledUntil, policy.timeZone)
      : '';
  const affected = u.components
    .map((c) => `${componentName(policy, c.componentId)} (${STATE_LABEL[c.state].toLowerCase()})`)
    .join(', ');
  const notice = u.isForced ? `Announced with less than ${policy.maintenanceNoticeHours} h notice.` : '';
  return { view: 'status-update', data: { status: u.status, name: u.name, body: u.body, affected, window, notice } };
}

/** The Statuspage mirror of one update: create on the first, later ones patch what the create made. */
function statuspageSync(policy: StatusPolicy, u: WrittenUpdate): OutboxEffect | undefined {
  const sp = policy.statuspage;
  if (!sp) return undefined;
  const components = Object.fromEntries(
    u.components.flatMap((c) => (sp.components[c.componentId] ? [[sp.components[c.componentId], c.state]] : [])),
  );
  const incident = {
    name: u.name,
    status: u.status,
    body: u.body,
    components,
    impactOverride: u.kind === 'maintenance' ? 'maintenance' : impactOf(u.components),
    ...(u.scheduledFor ? { scheduledFor: u.scheduledFor.toISOString() } : {}),
    ...(u.scheduledUntil ? { scheduledUntil: u.scheduledUntil.toISOString() } : {}),
  };
  return u.isCreated
    ? { kind: 'statuspage.sync', key: statuspageCreateKey(u.statusIncidentId), pageId: sp.pageId, incident }
    : {
        kind: 'statuspage.sync',
        key: `status:${u.statusIncidentId}:update:${u.updateId}:statuspage`,
        pageId: sp.pageId,
        incidentOf: { key: statuspageCreateKey(u.statusIncidentId) },
        incident,
      };
}

/**
 * What one public update sends out: a post into the Slack Connect channel of every customer
 * using an affected component, and the Statuspage mirror when it is configured. Keys name the
 * update, so a replay of the same decision adds nothing.
 */
export function publicationEffects(policy: StatusPolicy, u: WrittenUpdate): OutboxEffect[] {
  const affected = new Set(u.components.map((c) => c.componentId));
  const effects: OutboxEffect[] = [];
  for (const customer of policy.directory.all()) {
    const channel = customer.channels[0];
    if (!channel || !customer.components.some((c) => affected.has(c))) continue;
    effects.push({
      kind: 'slack.post',
      key: `status:${u.statusIncidentId}:update:${u.updateId}:customer:${customer.id}`,
      channel,
      message: customerPost(policy, u),
    });
  }
  const sync = statuspageSync(policy, u);
  if (sync) effects.push(sync);
  return effects;
}
