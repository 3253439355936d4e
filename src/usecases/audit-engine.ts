import { incidentIdFromDedupKey, incidentRef } from '../domain/incident.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock, OutboxStore } from './ports.ts';
import { incidentText } from './incident-messages.ts';

export const OVERDUE_STEP_MS = 60_000;
export const PAGE_FALLBACK_AFTER_MS = 2 * 60_000;

export interface AuditFindings {
  overdueSteps: number;
  stuckOutbox: number;
  pageFallbacks: number;
}

/**
 * The auditor (every minute): a step more than 60 s overdue or an outbox item stuck is counted
 * and logged by the caller, and retried now; a page that PagerDuty has not taken for 2 minutes is
 * sent to the on-call by Slack DM and to triage, while PagerDuty keeps being retried.
 */
export async function auditEngine({
  incidents,
  outbox,
  policy,
  clock,
}: {
  incidents: IncidentStore;
  outbox: OutboxStore;
  policy: IncidentPolicy;
  clock: Clock;
}): Promise<AuditFindings> {
  const now = clock.now();
  const overdue = await incidents.dueSteps(new Date(now.getTime() - OVERDUE_STEP_MS), 1000);
  const stuck = await outbox.stuck(new Date(now.getTime() - OVERDUE_STEP_MS));
  for (const item of stuck) await outbox.retryNow(item.id, now);
  let pageFallbacks = 0;
  const pages = stuck.filter(
    (item) =>
      item.effect.kind === 'pagerduty.event' &&
      item.effect.event.action === 'trigger' &&
      now.getTime() - item.createdAt.getTime() >= PAGE_FALLBACK_AFTER_MS,
  );
  if (pages.length > 0) {
    const onCall = await policy.onCall(now);
    for (const page of pages) {
      if (page.effect.kind !== 'pagerduty.event') continue;
      const incidentId = incidentIdFromDedupKey(page.effect.event.dedupKey);
      const incident = incidentId === undefined ? undefined : await incidents.get(incidentId);
      if (!incident || incident.resolvedAt || (await outbox.exists(`${page.key}:fallback:triage`))) continue;
      const ref = incidentRef(incident.id);
      await incidents.record(incident.id, {
        at: now,
        events: [
          {
            kind: 'page-fallback',
            actor: 'tplus',
            text: `PagerDuty has not taken the page for ${Math.round((now.getTime() - page.createdAt.getTime()) / 60_000)} min: paged ${onCall.slackUserIds.join(', ') || 'nobody known'} by Slack DM; still retrying PagerDuty`,
            detail: { key: page.key },
          },
        ],
        // Keyed by the page's own key: one fallback per page, however often the auditor runs.
        effects: [
          ...onCall.slackUserIds.map((user) => ({
            kind: 'slack.post' as const,
            key: `${page.key}:fallback:${user}`,
            channel: user,
            message: incidentText(
              incident,
              `:rotating_light: *You are paged for ${ref}* (${incident.severity}): {title}. PagerDuty cannot be reached, so tplus pages you here. Acknowledge in <#${policy.triageChannelId}>.`,
            ),
          })),
          {
            kind: 'slack.post',
            key: `${page.key}:fallback:triage`,
            channel: policy.triageChannelId,
            message: incidentText(
              incident,
              `:warning: PagerDuty has not accepted the page for *${ref}* for 2 minutes. On-call paged by Slack DM: ${onCall.slackUserIds.map((u) => `<@${u}>`).join(' ') || 'nobody known'}. tplus keeps retrying PagerDuty.`,
            ),
          },
        ],
      });
      pageFallbacks += 1;
    }
  }
  return { overdueSteps: overdue.length, stuckOutbox: stuck.length, pageFallbacks };
}
