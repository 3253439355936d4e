import { incidentRef } from '../domain/incident.ts';
import { freezePlan, planSteps } from '../domain/runbook/index.ts';
import type { Severity } from '../domain/types.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock } from './ports.ts';
import { incidentCardKey } from './incident-messages.ts';

/**
 * `/tplus incident`: a responder declares an incident that no customer reported (or an alert
 * opens one). It runs the runbook of its severity from now, and triage gets its card.
 */
export async function declareIncident({
  incidents,
  policy,
  clock,
  severity,
  title,
  components,
  declaredBy,
  source = 'declared',
  alertFingerprint = null,
  inboxId,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  clock: Clock;
  severity: Severity;
  title: string;
  components: string[];
  declaredBy: string;
  source?: 'declared' | 'alert';
  alertFingerprint?: string | null;
  inboxId?: number;
}) {
  const now = clock.now();
  const plan = freezePlan(policy.runbooks[severity]);
  return incidents.start(
    { ticketId: null, source, customerId: null, severity, title, components, startedAt: now, alertFingerprint, plan },
    planSteps(plan, { startedAt: now }),
    (incident) => ({
      at: now,
      ...(inboxId !== undefined ? { causeInboxId: inboxId } : {}),
      events: [
        {
          kind: 'started',
          actor: declaredBy,
          text: `T+0 ${incidentRef(incident.id)} ${source === 'alert' ? 'opened by an alert' : 'declared'} as ${severity}; plan of ${plan.steps.length} steps frozen`,
          detail: { source },
        },
      ],
      effects: [
        {
          kind: 'slack.post',
          key: incidentCardKey(incident.id),
          channel: policy.triageChannelId,
          message: { view: 'incident-card', data: { incidentId: incident.id } },
        },
      ],
    }),
  );
}
