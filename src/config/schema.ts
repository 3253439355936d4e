import { z } from 'zod';
import { SEVERITIES, TIERS } from '../domain/types.ts';
import { ZCalendar } from './calendar-schema.ts';
import { ZContract, ZDocuments, ZStatusPage } from './contract-schema.ts';

const slackId = (prefix: string) =>
  z
    .string()
    .regex(
      new RegExp(`^[${prefix}][A-Z0-9]{2,}$`),
      `must be a Slack id starting with ${prefix.split('').join(' or ')}`,
    );
export const ZCustomer = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  name: z.string().min(1),
  tier: z.enum(TIERS),
  calendar: z.string().min(1),
  successOwner: slackId('UW'),
  /** The success owner's manager: an overdue RCA escalates to them. */
  successManager: slackId('UW').optional(),
  /** The account's executive contact on our side, alerted with the success owner when a termination trigger fires. */
  executiveContact: slackId('UW').optional(),
  /** One month's fee: service credits are computed from it and capped by it. */
  monthlyFee: z.object({ amount: z.number().positive(), currency: z.string().length(3) }).optional(),
  slack: z.object({
    teamIds: z.array(slackId('TE')).min(1),
    channels: z.array(slackId('CG')).min(1),
    supportChannels: z.array(slackId('CG')).default([]),
  }),
  components: z.array(z.string()).default([]),
});

export const ZComponent = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  group: z.string().optional(),
});

export const ZConfig = z
  .object({
    workspace: z.object({
      teamId: slackId('TE'),
      botUserId: slackId('UW'),
      botId: slackId('B'),
    }),
    triage: z.object({ channelId: slackId('CG') }),
    responders: z
      .object({
        userIds: z.array(slackId('UW')).default([]),
        usergroupId: slackId('S').optional(),
        /** User groups whose members are responders too (usergroups.users.list, refreshed every 10 min). */
        userGroups: z.array(slackId('S')).default([]),
      })
      .refine(
        (r) => r.userIds.length > 0 || r.usergroupId !== undefined || r.userGroups.length > 0,
        'name at least one responder user id or a user group',
      ),
    escalation: z.object({
      engineeringManagers: z.array(slackId('UW')).min(1),
      vpEngineering: slackId('UW'),
      /** The S2 ladder's "senior engineer assigned"; engineering managers when empty. */
      seniorEngineers: z.array(slackId('UW')).default([]),
    }),
    /** Monitoring alerts (POST /alerts): the first rule whose labels all match sets component and severity. */
    alerts: z
      .object({
        defaultSeverity: z.enum(SEVERITIES).default('S2'),
        rules: z
          .array(
            z.object({
              match: z.record(z.string(), z.string()),
              component: z.string().optional(),
              severity: z.enum(SEVERITIES),
            }),
          )
          .default([]),
      })
      .default({ defaultSeverity: 'S2', rules: [] }),
    incidents: z
      .object({
        bridgeUrl: z.url().optional(),
        upstreamProviders: z
          .array(z.object({ name: z.string().min(1), statusUrl: z.url(), keywords: z.array(z.string().min(2)).min(1) }))
          .default([]),
      })
      .default({ upstreamProviders: [] }),
    calendars: z.array(ZCalendar).min(1),
    customers: z.array(ZCustomer).min(1),
    components: z.array(ZComponent).default([]),
    pagerduty: z
      .object({
        escalationPolicyId: z.string().optional(),
        serviceId: z.string().optional(),
        roster: z.array(slackId('UW')).default([]),
        /** PagerDuty user id → Slack user id, to mention and DM whoever PagerDuty says is on call. */
        slackUsers: z
          .record(z.string().regex(/^P[A-Z0-9]+$/, 'must be a PagerDuty user id such as PABC123'), slackId('UW'))
          .default({}),
      })
      .default({ roster: [], slackUsers: {} }),
    statusPage: ZStatusPage,
    contract: ZContract,
    documents: ZDocuments,
    intake: z
      .object({
        maxSummaryLength: z.number().int().min(20).max(3000).default(150),
        defaultSeverityWithoutSignals: z.enum(SEVERITIES).optional(),
      })
      .default({ maxSummaryLength: 150 }),
  })
  .superRefine((config, ctx) => {
    const calendarIds = new Set(config.calendars.map((c) => c.id));
    const componentIds = new Set(config.components.map((c) => c.id));
    const channelOwner = new Map<string, string>();
    config.customers.forEach((customer, i) => {
      if (!calendarIds.has(customer.calendar)) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'calendar'],
          message: `names calendar "${customer.calendar}", which is not in calendars`,
        });
      }
      customer.components.forEach((component, j) => {
        if (!componentIds.has(component)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'components', j],
            message: `names component "${component}", which is not in components`,
          });
        }
      });
      customer.slack.supportChannels.forEach((channel, j) => {
        if (!customer.slack.channels.includes(channel)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'slack', 'supportChannels', j],
            message: `support channel ${channel} must also be listed in slack.channels`,
          });
        }
      });
      customer.slack.channels.forEach((channel, j) => {
        const owner = channelOwner.get(channel);
        if (owner !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['customers', i, 'slack', 'channels', j],
            message: `channel ${channel} already belongs to customer "${owner}"`,
          });
        }
        channelOwner.set(channel, customer.id);
      });
      if (customer.slack.teamIds.includes(config.workspace.teamId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['customers', i, 'slack', 'teamIds'],
          message: 'must not contain our own workspace team id',
        });
      }
    });
    for (const id of Object.keys(config.statusPage.statuspage?.components ?? {})) {
      if (!componentIds.has(id))
        ctx.addIssue({
          code: 'custom',
          path: ['statusPage', 'statuspage', 'components', id],
          message: `names component "${id}", which is not in components`,
        });
    }
    if (config.customers.some((c) => c.slack.channels.includes(config.triage.channelId))) {
      ctx.addIssue({
        code: 'custom',
        path: ['triage', 'channelId'],
        message: 'the triage channel must be internal, not a customer channel',
      });
    }
  });

export type TplusConfig = z.infer<typeof ZConfig>;
export type CustomerConfig = z.infer<typeof ZCustomer>;
