import { z } from 'zod';
import { BUSINESS_DAY_DEFINITIONS } from '../domain/calendar/index.ts';
import { DEADLINE_ANCHORS } from '../domain/follow-ups/index.ts';
import { SEVERITIES } from '../domain/types.ts';
import { parseCidr } from './cidr.ts';
import { ZCompliance, ZLiabilityCap, ZSeverityExamples, ZSlos } from './sla-schema.ts';

/**
 * The public promise: the status page, the contract (availability, credits, termination,
 * follow-up deadlines) and the post-incident documents. The SLA page is rendered from these
 * same values, so what tplus promises and what it enforces cannot drift apart.
 */
export const ZStatusPage = z
  .object({
    title: z.string().min(1).default('System status'),
    /** Days on the uptime bars and past incidents are cut in this zone. */
    timeZone: z.string().min(1).default('UTC'),
    /** The address the page is served at, for feed and API links. */
    publicUrl: z.url().optional(),
    /** Share of a partial outage that counts as downtime (Statuspage counts 30 %). */
    partialOutageWeight: z.number().min(0).max(1).default(0.3),
    degradedPerformanceWeight: z.number().min(0).max(1).default(0),
    /** Maintenance announced with less notice than this is refused unless forced. */
    maintenanceNoticeHours: z.number().int().min(0).default(48),
    /** Per client (IP address) on every public endpoint. */
    rateLimit: z
      .object({ requests: z.number().int().min(1).default(600), perSeconds: z.number().int().min(1).default(60) })
      .prefault({}),
    /**
     * Proxies in front of tplus whose X-Forwarded-For to believe for rate limits: a hop count (1 behind one load
     * balancer) or the proxies' addresses as CIDRs. 0, the default, counts the connecting address.
     */
    trustProxy: z
      .union([
        z.number().int().min(0).max(10),
        z
          .array(z.string().refine((s) => parseCidr(s) !== undefined, 'must be an IP address or CIDR, e.g. 10.0.0.0/8'))
          .min(1),
      ])
      .default(0),
    /** Status subscribers: the sender of their mail, and when a failing webhook is given up. */
    subscriptions: z
      .object({
        from: z.string().min(3).default('Status updates <status@localhost>'),
        webhookFailureLimit: z.number().int().min(1).max(100).default(8),
      })
      .prefault({}),
    /** Optional mirror to an Atlassian Statuspage page (STATUSPAGE_API_KEY in the environment). */
    statuspage: z
      .object({ pageId: z.string().min(1), components: z.record(z.string(), z.string()).default({}) })
      .optional(),
  })
  .prefault({});

const DEFAULT_CREDITS = [
  { minUptime: 99.9, percent: 0, terminationRight: false },
  { minUptime: 99.0, percent: 10, terminationRight: false },
  { minUptime: 95.0, percent: 25, terminationRight: false },
  { minUptime: 0, percent: 50, terminationRight: true },
];

export const ZCreditTier = z.object({
  /** The tier applies from this monthly uptime (inclusive) up to the next tier's minimum. */
  minUptime: z.number().min(0).max(100),
  percent: z.number().min(0).max(100),
  terminationRight: z.boolean().default(false),
});

export const ZContract = z
  .object({
    availabilityTarget: z.number().min(90).max(100).default(99.9),
    downtimeDefinition: z
      .string()
      .min(1)
      .default('5 % or more of requests to a component fail over 5 or more continuous minutes'),
    /** What share of an incident's duration counts as downtime, by severity (S1 production down: all of it). */
    downtimeWeights: z.partialRecord(z.enum(SEVERITIES), z.number().min(0).max(1)).default({ S1: 1 }),
    exclusions: z
      .array(z.string().min(1))
      .default([
        'Scheduled maintenance announced at least 48 hours in advance',
        'Force majeure',
        'Incidents caused by the customer, its users or its systems',
        'Failures of third-party providers outside our control',
      ]),
    /** Highest first; the first tier whose minimum the month's uptime reaches applies. */
    credits: z.array(ZCreditTier).min(1).default(DEFAULT_CREDITS),
    /** Credits are capped at this share of one month's fee. */
    creditCapPercent: z.number().min(0).max(100).default(100),
    claimWindowDays: z.number().int().min(1).default(30),
    termination: z
      .object({
        s1Count: z.number().int().min(1).default(3),
        s1WindowDays: z.number().int().min(1).default(90),
        uptimeBelow: z.number().min(0).max(100).default(95),
      })
      .prefault({}),
    followUps: z
      .object({
        timelineHours: z.number().min(1).default(4),
        postmortemHours: z.number().min(1).default(48),
        executiveSummaryHours: z.number().min(1).default(48),
        rcaBusinessDays: z.number().int().min(1).default(5),
      })
      .prefault({}),
    /** A change that weakens a commitment takes effect only after this notice. */
    weakeningNoticeDays: z.number().int().min(0).default(60),
    /** What "N business days" means in every target (first response, RCA): N working days' worth of hours, or the same time on the N-th next business day. */
    businessDay: z.enum(BUSINESS_DAY_DEFINITIONS).default('hours'),
    slos: ZSlos,
    liabilityCap: ZLiabilityCap,
    compliance: ZCompliance,
    severityExamples: ZSeverityExamples,
  })
  .superRefine((contract, ctx) => {
    const mins = contract.credits.map((t) => t.minUptime);
    if (mins.some((m, i) => i > 0 && m >= (mins[i - 1] as number)))
      ctx.addIssue({
        code: 'custom',
        path: ['credits'],
        message: 'tiers must be listed from the highest minimum uptime down',
      });
    if (mins.at(-1) !== 0)
      ctx.addIssue({
        code: 'custom',
        path: ['credits'],
        message: 'the last tier must start at 0 so every uptime has a tier',
      });
  })
  .prefault({});

export const ZDocuments = z
  .object({
    /** Folder of the Handlebars templates; point it elsewhere to override ours. */
    templatesDir: z.string().min(1).default('./templates'),
    /** Besides each customer's success owner, who may approve and send customer-facing documents. */
    approvers: z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id')).default([]),
    /**
     * Resolved incidents of these severities get follow-up deadlines (timeline, post-mortem, executive summary, RCA).
     */
    followUpSeverities: z.array(z.enum(SEVERITIES)).default(['S1', 'S2']),
    /** What the follow-up deadlines (and the RCA-late trigger) count from: the incident's start (its T+ clock) or its resolution. */
    deadlinesFrom: z.enum(DEADLINE_ANCHORS).default('incident-start'),
  })
  .prefault({});

export type StatusPageConfig = z.infer<typeof ZStatusPage>;
export type ContractConfig = z.infer<typeof ZContract>;
export type DocumentsConfig = z.infer<typeof ZDocuments>;
