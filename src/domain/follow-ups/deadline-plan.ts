import { addBusinessDays, type BusinessCalendar, type BusinessDayDefinition } from '../calendar/index.ts';
import type { Severity } from '../types.ts';

export const FOLLOW_UP_KINDS = ['timeline', 'postmortem', 'executive-summary', 'rca'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Customer-facing documents go to a customer; the post-mortem stays inside. */
export const isCustomerFacing = (kind: FollowUpKind): boolean => kind !== 'postmortem';

/** What the follow-up deadlines count from: the incident's start (the runbook's T+ clock) or its resolution. */
export const DEADLINE_ANCHORS = ['incident-start', 'resolution'] as const;
export type DeadlineAnchor = (typeof DEADLINE_ANCHORS)[number];

export interface FollowUpTerms {
  timelineHours: number;
  postmortemHours: number;
  executiveSummaryHours: number;
  rcaBusinessDays: number;
  deadlinesFrom: DeadlineAnchor;
  businessDay: BusinessDayDefinition;
}

export interface PlannedFollowUp {
  kind: FollowUpKind;
  /** "" for the internal post-mortem. */
  customerId: string;
  dueAt: Date;
  isBusinessDays: boolean;
}

export interface AffectedCustomer {
  id: string;
  components: readonly string[];
}

const HOUR_MS = 3_600_000;

/** The incident's own customer plus every customer that uses one of its components, in config order. */
export function affectedCustomers<C extends AffectedCustomer>(
  incident: { customerId: string | null; components: readonly string[] },
  customers: readonly C[],
): C[] {
  return customers.filter(
    (c) => c.id === incident.customerId || c.components.some((component) => incident.components.includes(component)),
  );
}

/**
 * The follow-up deadlines a resolution creates: the post-mortem once (internal), and per affected
 * customer the timeline, the executive summary and the RCA, the RCA counted in that customer's
 * business days. All count from `terms.deadlinesFrom`: the incident's start ("T+48 hours" on the
 * runbook's clock) or its resolution; from the start, a deadline can be past by the time the
 * incident resolves: it is planned as it is, already missed. Severities outside `severities` get none.
 */
export function planFollowUps({
  incident,
  customers,
  terms,
  severities,
  calendarOf,
}: {
  incident: {
    severity: Severity;
    customerId: string | null;
    components: readonly string[];
    startedAt: Date;
    resolvedAt: Date;
  };
  customers: readonly AffectedCustomer[];
  terms: FollowUpTerms;
  severities: readonly Severity[];
  calendarOf: (customerId: string) => BusinessCalendar;
}): PlannedFollowUp[] {
  if (!severities.includes(incident.severity)) return [];
  const anchor = terms.deadlinesFrom === 'incident-start' ? incident.startedAt : incident.resolvedAt;
  const at = anchor.getTime();
  const plan: PlannedFollowUp[] = [
    {
      kind: 'postmortem',
      customerId: '',
      dueAt: new Date(at + terms.postmortemHours * HOUR_MS),
      isBusinessDays: false,
    },
  ];
  for (const customer of affectedCustomers(incident, customers)) {
    plan.push(
      {
        kind: 'timeline',
        customerId: customer.id,
        dueAt: new Date(at + terms.timelineHours * HOUR_MS),
        isBusinessDays: false,
      },
      {
        kind: 'executive-summary',
        customerId: customer.id,
        dueAt: new Date(at + terms.executiveSummaryHours * HOUR_MS),
        isBusinessDays: false,
      },
      {
        kind: 'rca',
        customerId: customer.id,
        dueAt: addBusinessDays(calendarOf(customer.id), anchor, terms.rcaBusinessDays, terms.businessDay),
        isBusinessDays: true,
      },
    );
  }
  return plan;
}
