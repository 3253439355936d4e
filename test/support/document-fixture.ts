import type { Incident } from '../../src/domain/incident.ts';

/** One fixed, resolved S1 for the document tests: Thursday 19 Nov 2026, 14:10–16:00 in New York. */
export function fixedIncident(overrides: Partial<Incident> = {}): Incident & { resolvedAt: Date } {
  return {
    id: 7,
    ticketId: 12,
    source: 'ticket',
    customerId: 'acme',
    severity: 'S1',
    title: 'Production is down: every API request returns 503',
    components: ['api', 'dashboard'],
    startedAt: new Date('2026-11-19T19:10:00Z'),
    acknowledgedAt: new Date('2026-11-19T19:14:00Z'),
    acknowledgedBy: 'U0RESP0001',
    engagedAt: new Date('2026-11-19T19:20:00Z'),
    resolvedAt: new Date('2026-11-19T21:00:00Z'),
    resolvedBy: 'U0RESP0001',
    resolutionSummary: 'Rolled back the faulty deploy; error rate back to normal.',
    isUpstreamCause: false,
    isCustomerCaused: false,
    upstreamProvider: null,
    channelId: 'C0INC00007',
    alertFingerprint: null,
    plan: { runbookVersion: 1, severity: 'S1', pageSeverity: 'critical', steps: [] } as unknown as Incident['plan'],
    planVersion: 1,
    ...overrides,
  } as Incident & { resolvedAt: Date };
}

export const fixedTimeline = [
  { at: new Date('2026-11-19T19:10:00Z'), text: 'T+0 Ticket TCK-12 filed by U0ACMEUSR1 in C0ACMESHR1' },
  { at: new Date('2026-11-19T19:10:00Z'), text: 'Paged on-call through PagerDuty: U0RESP0001' },
  { at: new Date('2026-11-19T19:14:00Z'), text: 'Acknowledged by U0RESP0001 in Slack' },
  { at: new Date('2026-11-19T19:25:00Z'), text: 'Opened #inc-7-production-is-down, invited U0RESP0001' },
  {
    at: new Date('2026-11-19T21:00:00Z'),
    text: 'T+1h50 Resolved by U0RESP0001 in Slack: Rolled back the faulty deploy; error rate back to normal.',
  },
];

export const fixedUpdates = [
  {
    at: new Date('2026-11-19T19:25:00Z'),
    status: 'investigating',
    body: 'We are investigating errors on the API and dashboard.',
  },
  {
    at: new Date('2026-11-19T20:40:00Z'),
    status: 'monitoring',
    body: 'A fix is deployed; we are watching error rates.',
  },
];

export const postmortemAnswers = {
  rootCause:
    'A configuration change removed the connection pool limit, so the database refused new connections under load.',
  contributingFactors: 'The change skipped the staging soak\nNo alert on connection refusals',
  whatWentWell: 'Acknowledged within 4 minutes\nRollback took 6 minutes',
  actionItems:
    'Dana Ops — add an alert on database connection refusals\nPlatform team — require a staging soak for pool settings',
};

export const componentName = (id: string): string =>
  ({ api: 'Public API', dashboard: 'Dashboard', exports: 'Data exports' })[id] ?? id;
