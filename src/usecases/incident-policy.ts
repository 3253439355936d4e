import type { Customer, CustomerDirectory } from '../domain/customer-directory.ts';
import type { AddBusinessMinutes, EscalationTarget, Runbook } from '../domain/runbook/index.ts';
import type { Severity } from '../domain/types.ts';
import type { StatusPolicy } from './status-policy.ts';

export interface UpstreamProvider {
  name: string;
  statusUrl: string;
  keywords: string[];
}

/** Who is on call now, and where that came from (PagerDuty, or the config roster when it is unreachable). */
export interface OnCall {
  slackUserIds: string[];
  source: 'pagerduty' | 'roster';
  note?: string;
}

/** What the incident use cases need from the config, resolved once at start. */
export interface IncidentPolicy {
  runbooks: Record<Severity, Runbook>;
  directory: CustomerDirectory;
  triageChannelId: string;
  responderIds: ReadonlySet<string>;
  contacts: { engineeringManagers: string[]; vpEngineering: string; seniorEngineers: string[] };
  bridgeUrl: string | undefined;
  upstreamProviders: UpstreamProvider[];
  componentName: (id: string) => string;
  /** Business minutes in the customer's calendar, for runbook offsets in business time. */
  addBusinessMinutesFor: (customerId: string | null) => AddBusinessMinutes | undefined;
  onCall: (now: Date) => Promise<OnCall>;
  /** A step firing this long after its due time is marked late (two ticks of tplus time). */
  lateAfterMs: number;
  /** The public status page: the runbook's status step and the resolution publish to it. */
  status?: StatusPolicy;
}

/** Slack user ids for escalation targets; a success owner exists only for a customer's incident. */
export function resolveTargets(
  policy: IncidentPolicy,
  targets: EscalationTarget[],
  { customer, onCall }: { customer: Customer | undefined; onCall: OnCall },
): string[] {
  const ids = targets.flatMap((t): string[] => {
    switch (t) {
      case 'on-call':
        return onCall.slackUserIds;
      case 'responders':
        return [...policy.responderIds];
      case 'engineering-managers':
        return policy.contacts.engineeringManagers;
      case 'senior-engineers':
        return policy.contacts.seniorEngineers.length > 0
          ? policy.contacts.seniorEngineers
          : policy.contacts.engineeringManagers;
      case 'vp-engineering':
        return [policy.contacts.vpEngineering];
      case 'success-owner':
        return customer ? [customer.successOwner] : [];
    }
  });
  return [...new Set(ids)];
}

/** The upstream provider the text names, if any (word match on the configured keywords). */
export function namedUpstream(policy: IncidentPolicy, text: string): UpstreamProvider | undefined {
  const lower = text.toLowerCase();
  return policy.upstreamProviders.find((p) =>
    p.keywords.some((k) => new RegExp(`\\b${k.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(lower)),
  );
}
