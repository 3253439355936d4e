import { hostname } from 'node:os';
import { z } from 'zod';
import { DatabaseUrlError, parseDatabaseUrl } from '../store/database-url.ts';

const optionalUrl = z.url().optional();

/** Environment variables: the public contract in docs/architecture.md. Secrets live only here. */
export const ZEnv = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    SLACK_BOT_TOKEN: z.string().regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-'),
    SLACK_SIGNING_SECRET: z.string().min(8).optional(),
    SLACK_APP_TOKEN: z
      .string()
      .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
      .optional(),
    SLACK_API_URL: optionalUrl,
    /** file:<path> is SQLite (one machine); postgresql://… is PostgreSQL (several replicas). */
    DATABASE_URL: z
      .string()
      .superRefine((url, ctx) => {
        try {
          parseDatabaseUrl(url);
        } catch (error) {
          if (!(error instanceof DatabaseUrlError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message.replace(/^DATABASE_URL /, '') });
        }
      })
      .default('file:./data/tplus.db'),
    /** PostgreSQL connections per replica. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    /** Names this replica in logs, /healthz and /metrics; default <hostname>-<pid>. */
    TPLUS_REPLICA_ID: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, dots, dashes or underscores')
      .optional(),
    TPLUS_CONFIG: z.string().default('./tplus.config.yaml'),
    TPLUS_TIME_SCALE: z.coerce.number().positive().max(100_000).optional(),
    TPLUS_START_AT: z.iso.datetime({ offset: true }).optional(),
    /** Sandbox only: the wall-clock instant at which the scaled clock reads TPLUS_START_AT (restarts keep time). */
    TPLUS_CLOCK_ANCHOR: z.iso.datetime({ offset: true }).optional(),
    /** Sandbox failpoint for crash tests: commit and ack events but never process them. */
    TPLUS_SANDBOX_HOLD_INBOX: z.enum(['0', '1']).default('0'),
    TPLUS_SEVERITY_MODEL: z.string().default('./models/severity.json'),
    TPLUS_RUNBOOKS: z.string().default('./runbooks'),
    PAGERDUTY_ROUTING_KEY: z.string().min(8).optional(),
    PAGERDUTY_API_TOKEN: z.string().min(8).optional(),
    PAGERDUTY_EVENTS_URL: optionalUrl,
    PAGERDUTY_API_URL: optionalUrl,
    PAGERDUTY_WEBHOOK_SECRET: z.string().min(8).optional(),
    /** Bearer token monitoring sends to POST /alerts; the endpoint is off without it. */
    TPLUS_ALERTS_TOKEN: z.string().min(16).optional(),
    /** Bearer token for internal HTTP pages (GET /documents/<id>, GET /reports/...); they are off without it. */
    TPLUS_INTERNAL_TOKEN: z.string().min(16).optional(),
    /** Optional mirror of the status page to Atlassian Statuspage (page id in config). */
    STATUSPAGE_API_KEY: z.string().min(8).optional(),
    STATUSPAGE_API_URL: z.url().default('https://api.statuspage.io/v1'),
    /** SMTP server for status subscribers' mail (smtp:// or smtps://, credentials in the URL); mail is off without it. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    /** Sandbox and tests only: lets webhook subscribers use http:// on a loopback address. */
    TPLUS_WEBHOOK_ALLOW_LOOPBACK: z.enum(['0', '1']).default('0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .refine((env) => env.SLACK_APP_TOKEN !== undefined || env.SLACK_SIGNING_SECRET !== undefined, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'is required in HTTP mode (set SLACK_APP_TOKEN for Socket Mode instead)',
  });

export type TplusEnv = z.infer<typeof ZEnv>;

/** This process's name among replicas. */
export const replicaIdOf = (env: Pick<TplusEnv, 'TPLUS_REPLICA_ID'>): string =>
  env.TPLUS_REPLICA_ID ?? `${hostname()}-${process.pid}`;

/** Names of variables whose values must never be printed or logged. */
export const SECRET_ENV_NAMES = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'PAGERDUTY_ROUTING_KEY',
  'PAGERDUTY_API_TOKEN',
  'PAGERDUTY_WEBHOOK_SECRET',
  'TPLUS_ALERTS_TOKEN',
  'TPLUS_INTERNAL_TOKEN',
  'STATUSPAGE_API_KEY',
  'SMTP_URL',
] as const;

export function describeSecret(value: string | undefined): string {
  if (value === undefined) return 'not set';
  return `set (${value.slice(0, 5)}…, ${value.length} characters)`;
}
