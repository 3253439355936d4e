// The shape of bench/results/end-to-end.json (npm run bench:e2e) as the paper reads it. A
// percentile of nothing is NaN in the bench and null in the JSON.
import { z } from 'zod';

const n = z.number().nullable();
const ZPercentiles = z.object({ p50: n, p95: n, p99: n, max: n });
const ZLoad = z.object({ loadAverage: z.array(z.number()), uptime: z.string() });

const ZRun = z.object({
  perMinute: z.number(),
  seconds: z.number(),
  sent: z.number(),
  cards: z.number(),
  errors: z.number(),
  lost: z.number(),
  duplicates: z.number(),
  postDuplicates: z.number(),
  latencyMs: ZPercentiles,
  ackMs: ZPercentiles,
  payloadBytes: n,
  /** From the last send to the last card delivered. */
  drainMs: z.number(),
  perSecond: z.array(z.object({ second: z.number(), sent: z.number(), delivered: z.number() })).optional(),
  load: ZLoad.optional(),
  /** Present when something was lost: where the tickets without a card stood at the end of the wait. */
  undelivered: z
    .object({
      withoutTicket: z.number(),
      cardOutbox: z.record(z.string(), z.number()),
      inbox: z.record(z.string(), z.number()),
    })
    .optional(),
});

const ZSlackFault = ZRun.extend({
  mode: z.string(),
  ratio: z.number(),
  slackCalls: z.number(),
  faultedCalls: z.number(),
  cardsDeliveredDuringFault: z.number(),
  warnings: z.record(z.string(), z.number()).optional(),
});

const ZPagerDutyDown = z.object({
  downSeconds: z.number(),
  perMinute: z.number(),
  ticketsSent: z.number(),
  errors: z.number(),
  incidents: z.number(),
  triggersDelivered: z.number(),
  deliveredDuringOutage: z.number(),
  lost: z.number(),
  duplicates: z.number(),
  failedEnqueueCalls: z.number(),
  recoveryToFirstTriggerMs: n,
  recoveryToLastTriggerMs: n,
  perSecond: z.array(z.object({ second: z.number(), delivered: z.number() })),
  load: ZLoad.optional(),
});

const ZRunInfo = z
  .object({
    date: z.string().optional(),
    commit: z.string().optional(),
    node: z.string().optional(),
    cores: z.number().optional(),
    cpu: z.string().optional(),
  })
  .extend(ZLoad.partial().shape);

export const ZEndToEndBench = z.object({
  run: ZRunInfo.optional(),
  /** Parts rerun on their own (BENCH_E2E_MERGE), each with its run. */
  partRuns: z.record(z.string(), ZRunInfo).optional(),
  settings: z.object({ drainSeconds: z.number() }).partial().optional(),
  target: z.object({ p95Ms: z.number(), runs: z.number(), soakRssWithinPercent: z.number() }),
  runs: z.array(ZRun.extend({ run: z.number() })).optional(),
  payloads: z.array(ZRun.extend({ textChars: z.number(), files: z.number() })).optional(),
  faults: z
    .object({
      slack429: ZSlackFault.optional(),
      slack5xx: ZSlackFault.optional(),
      pagerdutyDown: ZPagerDutyDown.optional(),
    })
    .optional(),
  soak: ZRun.extend({
    rssMb: z.array(z.object({ second: z.number(), mb: z.number() })),
    minutes: z.array(z.object({ minute: z.number(), meanMb: z.number() })),
    rssGrowthPercent: n,
    loadAtEnd: ZLoad.optional(),
  }).optional(),
  loadAtEnd: ZLoad.optional(),
});

export type EndToEndBenchResults = z.infer<typeof ZEndToEndBench>;
export type EndToEndBenchRun = z.infer<typeof ZRun>;
export type SlackFaultRun = z.infer<typeof ZSlackFault>;
export type PagerDutyDownRun = z.infer<typeof ZPagerDutyDown>;

/** A file of the wrong shape is an error naming it, like the other results files. */
export function parseEndToEndBench(data: unknown): EndToEndBenchResults {
  const parsed = ZEndToEndBench.safeParse(data);
  if (!parsed.success) throw new Error(`bench/results/end-to-end.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
