import type { CustomerDirectory } from '../domain/customer-directory.ts';
import { COMPONENT_STATES, type ComponentState } from '../domain/uptime/index.ts';
import type { ComponentImpact, StatusImpact } from './status-ports.ts';

/** What the status use cases need from the config, resolved once at start. */
export interface StatusPolicy {
  components: { id: string; name: string }[];
  directory: CustomerDirectory;
  responderIds: ReadonlySet<string>;
  /** A maintenance announced with less notice than this is refused unless forced. */
  maintenanceNoticeHours: number;
  /** The page's zone: maintenance windows are entered and shown in it. */
  timeZone: string;
  /** Set only when both STATUSPAGE_API_KEY and statusPage.statuspage.pageId are. */
  statuspage?: { pageId: string; components: Record<string, string> };
}

/** Statuspage's limit on an update body is generous; ours keeps channel posts readable. */
export const MAX_STATUS_MESSAGE = 2000;
export const MIN_STATUS_MESSAGE = 10;
export const MAX_STATUS_NAME = 200;

export const isComponentState = (value: unknown): value is ComponentState =>
  COMPONENT_STATES.includes(value as ComponentState);

export { STATE_LABEL } from '../domain/uptime/index.ts';

export function componentName(policy: Pick<StatusPolicy, 'components'>, id: string): string {
  return policy.components.find((c) => c.id === id)?.name ?? id;
}

/** The incident's impact as Statuspage derives it: its worst component state. */
export function impactOf(components: readonly ComponentImpact[]): StatusImpact {
  const states = new Set(components.map((c) => c.state));
  if (states.has('major_outage')) return 'critical';
  if (states.has('partial_outage')) return 'major';
  if (states.has('degraded_performance')) return 'minor';
  return 'none';
}

function listed(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/**
 * A public name and first message built from public facts only (component names and a named
 * upstream provider), never from the internal title or the customer's words.
 */
export function publicIncidentText(
  policy: Pick<StatusPolicy, 'components'>,
  { components, upstreamProvider }: { components: readonly ComponentImpact[]; upstreamProvider?: string | undefined },
): { name: string; body: string } {
  const names = listed(components.map((c) => componentName(policy, c.componentId)));
  const affecting = names ? ` affecting ${names}` : '';
  if (upstreamProvider) {
    return {
      name: `Degraded – ${upstreamProvider} API returning errors`.slice(0, MAX_STATUS_NAME),
      body: `We are investigating errors${affecting}. They appear to be caused by an issue at our provider ${upstreamProvider}. We will post an update as soon as we know more.`,
    };
  }
  const worst = impactOf(components);
  const what = worst === 'critical' ? 'Outage' : worst === 'major' ? 'Partial outage' : 'Degraded performance';
  return {
    name: (names ? `${what} of ${names}` : 'Service disruption').slice(0, MAX_STATUS_NAME),
    body: `We are investigating reports of errors${affecting}. We will post an update as soon as we know more.`,
  };
}
