import { addBusinessDays, type BusinessCalendar } from '../calendar/index.ts';
import type { Severity } from '../types.ts';

export const FOLLOW_UP_KINDS = ['timeline', 'postmortem', 'executive-summary', 'rca'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Customer-facing documents go to a customer; the post-mortem stays inside. */
export const isCustomerFacing = (kind: FollowUpKind): boolean => kind !== 'postmortem';

export interface FollowUpTerms {
  timelineHours: number;
  postmortemHours: number;
  executiveSummaryHours: number;
  rcaBusinessDays: number;
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
 * business days. Severities outside `severities` get none.
 */
export function planFollowUps({
  incident,
  customers,
  terms,
  severities,
  calendarOf,
}: {
  incident: { severity: Severity; customerId: string | null; components: readonly string[]; resolvedAt: Date };
  customers: readonly AffectedCustomer[];
  terms: FollowUpTerms;
  severities: readonly Severity[];
  calendarOf: (customerId: string) => BusinessCalendar;
}): PlannedFollowUp[] {
  if (!severities.includes(incident.severity)) return [];
  const at = incident.resolvedAt.getTime();
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
        dueAt: addBusinessDays(calendarOf(customer.id), incident.resolvedAt, terms.rcaBusinessDays),
        isBusinessDays: true,
      },
    );
  }
  return plan;
}
