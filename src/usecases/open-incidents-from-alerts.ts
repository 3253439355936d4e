import { incidentRef } from '../domain/incident.ts';
import type { Severity } from '../domain/types.ts';
import type { IncomingAlert } from '../alerts/parse-alerts.ts';
import { declareIncident } from './declare-incident.ts';
import type { IncidentStore } from './incident-ports.ts';
import type { IncidentPolicy } from './incident-policy.ts';
import type { Clock } from './ports.ts';

/** Config: the first rule whose labels all match decides the alert's component and severity. */
export interface AlertRule {
  match: Record<string, string>;
  component?: string;
  severity: Severity;
}

export function routeAlert(
  alert: IncomingAlert,
  rules: AlertRule[],
  fallback: Severity,
): { severity: Severity; components: string[] } {
  const rule = rules.find((r) => Object.entries(r.match).every(([k, v]) => alert.labels[k] === v));
  const component = rule?.component ?? alert.labels.component;
  return { severity: rule?.severity ?? fallback, components: component ? [component] : [] };
}

/**
 * A firing alert starts an incident at T+0, unless an open incident already has its
 * fingerprint: then it attaches there. A resolved alert is recorded on that incident's timeline
 * (a responder decides when the incident is over).
 */
export async function openIncidentsFromAlerts({
  incidents,
  policy,
  clock,
  alerts,
  rules,
  fallback,
}: {
  incidents: IncidentStore;
  policy: IncidentPolicy;
  clock: Clock;
  alerts: IncomingAlert[];
  rules: AlertRule[];
  fallback: Severity;
}): Promise<string[]> {
  const outcomes: string[] = [];
  for (const alert of alerts) {
    const open = await incidents.openByFingerprint(alert.fingerprint);
    const at = clock.now();
    if (open) {
      await incidents.record(open.id, {
        at,
        events: [
          {
            kind: alert.status === 'firing' ? 'alert-repeat' : 'alert-resolved',
            actor: 'monitoring',
            text: `Alert ${alert.status === 'firing' ? 'fired again' : 'resolved'}: ${alert.title}`,
            detail: { fingerprint: alert.fingerprint, labels: alert.labels },
          },
        ],
      });
      outcomes.push(`${alert.status === 'firing' ? 'attached to' : 'recorded on'} ${incidentRef(open.id)}`);
      continue;
    }
    if (alert.status === 'resolved') {
      outcomes.push('resolved alert with no open incident: ignored');
      continue;
    }
    const { severity, components } = routeAlert(alert, rules, fallback);
    const incident = await declareIncident({
      incidents,
      policy,
      clock,
      severity,
      title: alert.title,
      components,
      declaredBy: 'monitoring',
      source: 'alert',
      alertFingerprint: alert.fingerprint,
    });
    outcomes.push(incident ? `opened ${incidentRef(incident.id)} as ${severity}` : 'not opened');
  }
  return outcomes;
}
