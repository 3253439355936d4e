import type { Incident } from '../incident.ts';
import { incidentRef } from '../incident.ts';
import type { FollowUpKind } from '../follow-ups/index.ts';
import {
  DOCUMENT_SECTIONS,
  DOCUMENT_TITLES,
  formatDuration,
  internalReferenceIn,
  linesOf,
  parseActionItems,
  type ActionItem,
} from './sections.ts';

export interface TimelineEntry {
  at: Date;
  text: string;
}

/** A public status update of the incident (what the status page said). */
export interface PublicUpdate {
  at: Date;
  status: string;
  body: string;
}

/** What every document shows; customer documents get nothing else. */
interface CommonModel {
  kind: FollowUpKind;
  documentTitle: string;
  ref: string;
  title: string;
  severity: string;
  timeZone: string;
  startedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date;
  components: string[];
  cause: 'ours' | 'upstream' | 'customer';
  upstreamProvider: string | null;
  updates: PublicUpdate[];
  sections: Record<string, string>;
}

export interface CustomerDocumentModel extends CommonModel {
  audience: 'customer';
  customerName: string;
  /** Public milestones only: detection, acknowledgement, status updates, resolution. */
  events: TimelineEntry[];
}

export interface InternalDocumentModel extends CommonModel {
  audience: 'internal';
  source: Incident['source'];
  acknowledgedBy: string | null;
  resolvedBy: string | null;
  affectedCustomers: string[];
  /** The whole incident timeline, with T+ offsets. */
  events: TimelineEntry[];
  contributingFactors: string[];
  whatWentWell: string[];
  actionItems: ActionItem[];
}

export type DocumentModel = CustomerDocumentModel | InternalDocumentModel;

interface Facts {
  kind: FollowUpKind;
  incident: Incident & { resolvedAt: Date };
  componentName: (id: string) => string;
  updates: PublicUpdate[];
  /** Sections edited in Slack; missing ones get a first draft from the facts. */
  sections: Record<string, string>;
  /** The post-mortem's answers: the customer documents' root cause starts from them when they are public. */
  postmortemSections?: Record<string, string>;
}

/** What an unwritten section says; a customer document still saying it cannot be approved. */
export const TO_COMPLETE = 'To be completed.';

function causeOf(incident: Incident): CommonModel['cause'] {
  return incident.isUpstreamCause ? 'upstream' : incident.isCustomerCaused ? 'customer' : 'ours';
}

/** The post-mortem's action items without their owners (our people), when none names anything internal. */
function publicActionItems(facts: Facts, audience: 'customer' | 'internal'): string | undefined {
  const items = parseActionItems(facts.postmortemSections?.actionItems ?? '').map((i) => i.item);
  const text = items.join('\n');
  return items.length > 0 && (audience === 'internal' || !internalReferenceIn(text)) ? text : undefined;
}

function defaultSections(facts: Facts, audience: 'customer' | 'internal'): Record<string, string> {
  const { incident } = facts;
  const components = incident.components.map(facts.componentName).join(', ') || 'our service';
  const fromPostmortem = (name: string) => {
    const text = facts.postmortemSections?.[name]?.trim();
    return text && (audience === 'internal' || !internalReferenceIn(text)) ? text : undefined;
  };
  const cause =
    causeOf(incident) === 'upstream'
      ? `A failure at an upstream provider${incident.upstreamProvider ? ` (${incident.upstreamProvider})` : ''}.`
      : causeOf(incident) === 'customer'
        ? 'A change on the customer side.'
        : TO_COMPLETE;
  const defaults: Record<string, string> = {
    summary: incident.resolutionSummary?.trim() || TO_COMPLETE,
    impact: `${components} ${incident.severity === 'S1' ? 'unavailable' : 'degraded'} for ${formatDuration(incident.resolvedAt.getTime() - incident.startedAt.getTime())}.`,
    detection:
      incident.source === 'ticket'
        ? 'Reported by the customer in Slack.'
        : incident.source === 'alert'
          ? 'Detected by a monitoring alert.'
          : 'Declared by a responder.',
    rootCause: fromPostmortem('rootCause') ?? cause,
    resolution: incident.resolutionSummary?.trim() || TO_COMPLETE,
    prevention: publicActionItems(facts, audience) ?? TO_COMPLETE,
  };
  const out: Record<string, string> = {};
  // Lists start empty (the template says "To be completed."), so the modal does not open on a placeholder item.
  for (const s of DOCUMENT_SECTIONS[facts.kind])
    out[s.name] = facts.sections[s.name]?.trim() || (s.hint ? '' : defaults[s.name] || TO_COMPLETE);
  return out;
}

function common(facts: Facts, timeZone: string, audience: 'customer' | 'internal'): CommonModel {
  const { incident } = facts;
  return {
    kind: facts.kind,
    documentTitle: DOCUMENT_TITLES[facts.kind],
    ref: incidentRef(incident.id),
    title: incident.title,
    severity: incident.severity,
    timeZone,
    startedAt: incident.startedAt,
    acknowledgedAt: incident.acknowledgedAt,
    resolvedAt: incident.resolvedAt,
    components: incident.components.map(facts.componentName),
    cause: causeOf(incident),
    upstreamProvider: incident.upstreamProvider,
    updates: facts.updates,
    sections: defaultSections(facts, audience),
  };
}

/**
 * A customer-facing document's model: built from public facts only (no user ids, channel ids,
 * internal timeline lines or names of our people), in the customer's time zone.
 */
export function customerDocumentModel(
  facts: Facts,
  customer: { name: string; timeZone: string },
): CustomerDocumentModel {
  const { incident } = facts;
  const events: TimelineEntry[] = [
    {
      at: incident.startedAt,
      text: incident.source === 'ticket' ? 'The issue was reported to us.' : 'We detected the issue.',
    },
    ...(incident.acknowledgedAt
      ? [
          {
            at: incident.acknowledgedAt,
            text: 'Our on-call engineers acknowledged the incident and began investigating.',
          },
        ]
      : []),
    ...facts.updates.map((u) => ({ at: u.at, text: `Status update (${u.status}): ${u.body}` })),
    { at: incident.resolvedAt, text: 'The incident was resolved.' },
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { ...common(facts, customer.timeZone, 'customer'), audience: 'customer', customerName: customer.name, events };
}

/** The internal post-mortem's model: everything, including the full timeline and who acted. */
export function internalDocumentModel(
  facts: Facts,
  {
    timeZone,
    timeline,
    affectedCustomers,
  }: { timeZone: string; timeline: TimelineEntry[]; affectedCustomers: string[] },
): InternalDocumentModel {
  const base = common(facts, timeZone, 'internal');
  const { incident } = facts;
  return {
    ...base,
    audience: 'internal',
    source: incident.source,
    acknowledgedBy: incident.acknowledgedBy,
    resolvedBy: incident.resolvedBy,
    affectedCustomers,
    events: timeline,
    contributingFactors: linesOf(base.sections.contributingFactors ?? ''),
    whatWentWell: linesOf(base.sections.whatWentWell ?? ''),
    actionItems: parseActionItems(base.sections.actionItems ?? ''),
  };
}
