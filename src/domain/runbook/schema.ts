import { z } from 'zod';
import { SEVERITIES } from '../types.ts';

/** What a step does when it fires. The use case behind each action lives in usecases/runbook-actions. */
export const STEP_ACTIONS = [
  'page-oncall', // PagerDuty trigger with the incident's dedup key, and a page notice in triage
  'repage-oncall', // PagerDuty re-trigger plus a loud triage notice: the ack is late
  'notify-triage', // a message in triage (e.g. "ack expected")
  'open-incident-channel', // inc-<n>-<slug>, invite responders and on-call, post the context
  'set-status', // the affected components' public state, through the status port
  'request-scope', // ask the on-call for the scope assessment; upstream status link; tell customers
  'escalate', // DM the targets (and post in triage / the incident channel)
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Checked when the step fires, not when it is planned. */
export const STEP_CONDITIONS = ['always', 'unacknowledged', 'unresolved', 'acknowledged-not-engaged'] as const;
export type StepCondition = (typeof STEP_CONDITIONS)[number];

/** The moment a step's offset counts from. Steps after acknowledgement wait until it happens. */
export const STEP_ANCHORS = ['start', 'acknowledged', 'resolved'] as const;
export type StepAnchor = (typeof STEP_ANCHORS)[number];

export const ESCALATION_TARGETS = [
  'on-call',
  'responders',
  'engineering-managers',
  'senior-engineers',
  'vp-engineering',
  'success-owner',
] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

const ZOffset = z
  .object({
    after: z.enum(STEP_ANCHORS).default('start'),
    minutes: z
      .number()
      .min(0)
      .max(60 * 24 * 30),
    /** Count the minutes in the customer's business calendar instead of around the clock. */
    isBusinessTime: z.boolean().default(false),
  })
  .strict();

export const ZRunbookStep = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'step ids are lower-case words joined by dashes'),
    title: z.string().min(1),
    at: ZOffset,
    action: z.enum(STEP_ACTIONS),
    when: z.enum(STEP_CONDITIONS).default('always'),
    targets: z.array(z.enum(ESCALATION_TARGETS)).default([]),
    /** For set-status: the public state to set. */
    status: z.enum(['investigating', 'identified', 'monitoring']).optional(),
    /** For escalate: open the incident bridge (URL from config) and post it. */
    opensBridge: z.boolean().default(false),
    /** For escalate: invite these into the incident channel (one outbox item per person). */
    invite: z.array(z.enum(ESCALATION_TARGETS)).default([]),
    /** Text posted with notify-triage / escalate; `{ref}` and `{age}` are filled in. */
    message: z.string().optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    if (step.action === 'set-status' && !step.status)
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'set-status needs a status' });
    if (step.action === 'escalate' && step.targets.length === 0)
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'escalate needs at least one target' });
    if (step.invite.length > 0 && step.action !== 'escalate')
      ctx.addIssue({ code: 'custom', path: ['invite'], message: 'only an escalate step invites people' });
  });

export const ZRunbook = z
  .object({
    severity: z.enum(SEVERITIES),
    /** PagerDuty event severity for pages of this runbook. */
    pageSeverity: z.enum(['critical', 'error', 'warning', 'info']).default('critical'),
    /** Remind the commander when the public status has not been updated for this long (none: never). */
    staleStatusMinutes: z.number().int().min(1).optional(),
    steps: z.array(ZRunbookStep).min(1),
  })
  .strict()
  .superRefine((runbook, ctx) => {
    const seen = new Set<string>();
    runbook.steps.forEach((step, i) => {
      if (seen.has(step.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `step id "${step.id}" is used twice` });
      seen.add(step.id);
    });
  });

export type RunbookStep = z.infer<typeof ZRunbookStep>;
export type Runbook = z.infer<typeof ZRunbook>;
