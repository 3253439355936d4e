import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
const sentence = z.string().trim().min(3, 'must be a sentence').max(300, 'must be at most 300 characters');

/** Latency and error-rate objectives, per class of operation, as the SLA page states them. */
export const ZSlos = z
  .object({
    latency: z
      .array(
        z.object({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
          operation: text,
          p95Ms: z.number().int().min(1),
          p99Ms: z.number().int().min(1),
        }),
      )
      .default([])
      .superRefine((rows, ctx) => {
        rows.forEach((row, i) => {
          if (row.p99Ms < row.p95Ms)
            ctx.addIssue({ code: 'custom', path: [i, 'p99Ms'], message: 'p99 must be at least p95' });
          if (rows.findIndex((r) => r.id === row.id) !== i)
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${row.id}" is listed twice` });
        });
      }),
    /** Monthly share of requests that may fail with a 5xx, in percent. */
    errorRatePercent: z.number().min(0).max(100).optional(),
    measurement: sentence.default('Measured at our load balancer over each calendar month'),
    /** Time spent waiting on third-party providers is not counted against the latency objectives. */
    excludesUpstreamTime: z.boolean().default(true),
  })
  .prefault({});

/** How far our liability reaches: a multiple of the fees paid, with what is not capped. */
export const ZLiabilityCap = z
  .object({
    monthsOfFees: z.number().int().min(1).max(120),
    notCapped: z.array(sentence).default([]),
  })
  .optional();

/** Security and compliance facts for procurement; shown only when configured. */
export const ZCompliance = z
  .object({
    certifications: z.array(z.object({ name: text, detail: text.optional() })).default([]),
    regions: z.array(z.object({ name: text, location: text })).default([]),
    encryption: z.object({ atRest: text, inTransit: text }).optional(),
    accessControl: z.array(text).default([]),
    dpaUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).optional(),
    subProcessors: z.array(z.object({ name: text, purpose: text, location: text })).default([]),
    /** Days of notice before a new sub-processor is used. */
    subProcessorNoticeDays: z.number().int().min(0).default(30),
  })
  .optional();

/** Example reports for each severity, in the words a customer would use; shown on /sla. */
export const ZSeverityExamples = z
  .object({
    S1: z.array(sentence).min(1),
    S2: z.array(sentence).min(1),
    S3: z.array(sentence).min(1),
    S4: z.array(sentence).min(1),
  })
  .default({
    S1: [
      'Nobody can log in to the product.',
      'We can see another company’s records in our account.',
      'Data we saved yesterday is gone.',
    ],
    S2: [
      'Exports fail for every user in our EU workspace.',
      'The dashboard takes over a minute to load and our team cannot work around it.',
    ],
    S3: [
      'Search by name finds nothing for a few accounts; searching by email works.',
      'The sandbox environment returns errors.',
    ],
    S4: [
      'How do I rotate an API key?',
      'A label on the settings page is misspelled.',
      'Yesterday’s slowdown has recovered; can we have a summary?',
    ],
  });
