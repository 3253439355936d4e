import { incidentRef, type Incident } from '../domain/incident.ts';
import { formatOffset } from '../domain/runbook/index.ts';
import type { RunbookStep } from '../domain/runbook/index.ts';
import type { Customer } from '../domain/customer-directory.ts';
import type { Ticket } from '../domain/ticket.ts';
import type { ComponentState } from './incident-ports.ts';
import type { IncidentPolicy, OnCall } from './incident-policy.ts';
import type { OutboxEffect, OutboxRef } from './ports.ts';
import { incidentText } from './incident-messages.ts';

export interface StepContext {
  policy: IncidentPolicy;
  incident: Incident;
  step: RunbookStep;
  rowId: number;
  dueAt: Date;
  now: Date;
  ticket: Ticket | undefined;
  onCall: OnCall;
  /** Step ids that already ran, so later steps know whether the incident channel exists. */
  ranSteps: ReadonlySet<string>;
}

export const channelKey = (incidentId: number): string => `incident:${incidentId}:channel`;

/** `{title}` in `text` is filled with the incident title, escaped by the renderer. */
export function text(
  key: string,
  channel: string,
  body: string,
  incident: Incident,
  extra: { channelOf?: OutboxRef; threadTs?: string } = {},
): OutboxEffect {
  return { kind: 'slack.post', key, channel, ...extra, message: incidentText(incident, body) };
}

export const STATE_BY_SEVERITY: Record<Incident['severity'], ComponentState> = {
  S1: 'major_outage',
  S2: 'partial_outage',
  S3: 'degraded_performance',
  S4: 'degraded_performance',
};

export function mentions(ids: string[]): string {
  return ids.length > 0 ? ids.map((id) => `<@${id}>`).join(' ') : 'nobody (no on-call known)';
}

/** Where incident-wide posts go: the incident channel once there is one, else triage. */
export function incidentRoom(c: StepContext): { channel: string; channelOf?: OutboxRef } {
  if (c.incident.channelId) return { channel: c.incident.channelId };
  if (c.incident.plan.steps.some((s) => s.action === 'open-incident-channel' && c.ranSteps.has(s.id)))
    return { channel: '', channelOf: { key: channelKey(c.incident.id) } };
  return { channel: c.policy.triageChannelId };
}

/** What every step's texts are made of: the reference, its keys, T+ age, `{ref}`/`{age}` filling, the customer. */
export function stepWords(c: StepContext) {
  const ref = incidentRef(c.incident.id);
  const age = formatOffset(c.incident.startedAt, c.now);
  const customer = customerOf(c);
  return {
    ref,
    age,
    customer,
    who: customer ? ` · ${customer.name}` : '',
    key: (name: string) => `incident:${c.incident.id}:step:${c.rowId}:${name}`,
    fill: (message: string | undefined) => (message ?? '').replaceAll('{ref}', ref).replaceAll('{age}', age),
  };
}

export function customerOf(c: StepContext): Customer | undefined {
  return c.incident.customerId ? c.policy.directory.byId(c.incident.customerId) : undefined;
}

/** Customers whose components the incident affects, plus the one who reported it. */
export function affectedCustomers(c: StepContext): Customer[] {
  const all = c.policy.directory.all();
  return all.filter(
    (cu) => cu.id === c.incident.customerId || cu.components.some((comp) => c.incident.components.includes(comp)),
  );
}
