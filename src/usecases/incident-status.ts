import type { Incident } from '../domain/incident.ts';
import type { IncidentConsequences } from './incident-ports.ts';
import { mergeImpacts } from './publish-status-update.ts';
import { publicationEffects } from './status-effects.ts';
import { impactOf, publicIncidentText, type StatusPolicy } from './status-policy.ts';
import type { ComponentImpact } from './status-ports.ts';

type StatusUpdate = NonNullable<IncidentConsequences['statusUpdate']>;

export const RESOLVED_BODY =
  'This incident has been resolved and the affected services are operating normally. Thank you for your patience.';

/**
 * The runbook's "Investigating": opens the incident's public status incident, named from public
 * facts only (component names, a configured upstream provider). When a responder has already
 * published one, theirs stands and the runbook adds nothing.
 */
export function investigatingUpdate(
  policy: StatusPolicy,
  incident: Pick<Incident, 'id'>,
  components: ComponentImpact[],
  upstreamProvider: string | undefined,
): StatusUpdate {
  return (current) => {
    if (current) return undefined;
    const { name, body } = publicIncidentText(policy, { components, upstreamProvider });
    return {
      target: {
        create: {
          kind: 'incident',
          incidentId: incident.id,
          name,
          impact: impactOf(components),
          ...(upstreamProvider ? { upstreamProvider } : {}),
        },
      },
      status: 'investigating',
      body,
      components,
      actor: 'runbook',
      effectsFor: (w) =>
        publicationEffects(policy, {
          ...w,
          isCreated: true,
          kind: 'incident',
          name,
          status: 'investigating',
          body,
          components,
        }),
    };
  };
}

/** The resolution's "Resolved": every component the status incident or the incident names back to operational. */
export function resolvedUpdate(
  policy: StatusPolicy,
  incident: Pick<Incident, 'components'>,
  actor: string,
): StatusUpdate {
  return (current) => {
    if (!current || current.resolvedAt) return undefined;
    const components = mergeImpacts(
      current.components,
      incident.components.map((componentId) => ({ componentId, state: 'operational' as const })),
    ).map((c) => ({ componentId: c.componentId, state: 'operational' as const }));
    return {
      target: { statusIncidentId: current.id },
      status: 'resolved',
      body: RESOLVED_BODY,
      components,
      actor,
      effectsFor: (w) =>
        publicationEffects(policy, {
          ...w,
          isCreated: false,
          kind: 'incident',
          name: current.name,
          status: 'resolved',
          body: RESOLVED_BODY,
          components,
        }),
    };
  };
}
