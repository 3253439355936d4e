import { createHash } from 'node:crypto';
import { z } from 'zod';

/** One alert, whatever format it came in. */
export interface IncomingAlert {
  fingerprint: string;
  status: 'firing' | 'resolved';
  title: string;
  labels: Record<string, string>;
}

const ZLabels = z.record(z.string(), z.coerce.string()).default({});

/** Prometheus Alertmanager's webhook body (version 4). */
const ZAlertmanager = z.object({
  version: z.string(),
  status: z.enum(['firing', 'resolved']),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: ZLabels,
        annotations: ZLabels,
        fingerprint: z.string().optional(),
        startsAt: z.string().optional(),
      }),
    )
    .min(1),
});

/** The generic format: one alert per request. */
const ZGeneric = z.object({
  title: z.string().min(1).max(500),
  status: z.enum(['firing', 'resolved']).default('firing'),
  fingerprint: z.string().min(1).max(200).optional(),
  component: z.string().optional(),
  severity: z.string().optional(),
  labels: ZLabels,
});

const hashOf = (labels: Record<string, string>) =>
  createHash('sha256')
    .update(JSON.stringify(Object.entries(labels).sort()))
    .digest('hex')
    .slice(0, 16);

/** Parses an Alertmanager webhook or a generic alert; throws a ZodError naming the problem otherwise. */
export function parseAlerts(body: unknown): IncomingAlert[] {
  if (body && typeof body === 'object' && 'alerts' in body) {
    return ZAlertmanager.parse(body).alerts.map((a) => ({
      fingerprint: a.fingerprint ?? hashOf(a.labels),
      status: a.status,
      title: a.annotations.summary ?? a.annotations.description ?? a.labels.alertname ?? 'Alert',
      labels: a.labels,
    }));
  }
  const g = ZGeneric.parse(body);
  const labels = {
    ...g.labels,
    ...(g.component ? { component: g.component } : {}),
    ...(g.severity ? { severity: g.severity } : {}),
  };
  return [
    { fingerprint: g.fingerprint ?? hashOf({ ...labels, title: g.title }), status: g.status, title: g.title, labels },
  ];
}
