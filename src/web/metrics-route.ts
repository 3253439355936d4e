import { Gauge, Histogram, Registry } from 'prom-client';
import type { Route } from '../slack/receiver/http-receiver.ts';
import type { MetricsStore, StateCounts } from '../store/metrics-store.ts';

/**
 * Prometheus metrics (prom-client), one registry per tplus so tests can build several in one
 * process. Counts are read from the database at scrape time, so they hold across restarts and
 * across processes sharing the database; the tick histogram is this process's own.
 */
export function createMetrics({
  store,
  engine,
  audit,
  replica,
}: {
  store: MetricsStore;
  /** Every series carries it: several replicas are scraped apart. */
  replica?: string;
  engine: { tickAgeMs(): number | undefined };
  audit: { totals: object };
}) {
  const registry = new Registry();
  if (replica) registry.setDefaultLabels({ replica });
  const byLabel = (name: string, help: string, label: string, read: () => StateCounts | Promise<StateCounts>) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      async collect() {
        const counts = await read();
        this.reset();
        for (const [value, count] of Object.entries(counts)) this.set({ [label]: value }, count);
      },
    });
  byLabel(
    'tplus_inbox_events',
    'Inbound Slack, PagerDuty and alert requests in the inbox, by state.',
    'state',
    store.inboxByState,
  );
  byLabel(
    'tplus_outbox_messages',
    'Outbound effects in the outbox, by state (dead = given up).',
    'state',
    store.outboxByState,
  );
  byLabel('tplus_runbook_steps', 'Runbook step rows, by state.', 'state', store.stepsByState);
  byLabel('tplus_open_incidents', 'Unresolved incidents, by severity.', 'severity', store.openIncidentsBySeverity);
  byLabel(
    'tplus_termination_triggers',
    'Contract termination triggers that fired, by kind.',
    'kind',
    store.triggersByKind,
  );
  byLabel(
    'tplus_auditor_findings',
    'What the auditor found and retried since start (overdue steps, stuck outbox items, page fallbacks).',
    'kind',
    () => ({ ...audit.totals }) as StateCounts,
  );
  new Gauge({
    name: 'tplus_runbook_steps_late',
    help: 'Steps that fired more than 60 s after their due time.',
    registers: [registry],
    async collect() {
      this.set(await store.lateSteps());
    },
  });
  new Gauge({
    name: 'tplus_engine_last_tick_age_seconds',
    help: 'Seconds since the engine last completed a tick (unhealthy above 10).',
    registers: [registry],
    collect() {
      this.set((engine.tickAgeMs() ?? Number.NaN) / 1000);
    },
  });
  new Gauge({
    name: 'tplus_process_resident_memory_bytes',
    help: 'Resident set size of this process.',
    registers: [registry],
    collect() {
      this.set(process.memoryUsage().rss);
    },
  });
  const tickSeconds = new Histogram({
    name: 'tplus_engine_tick_seconds',
    help: 'Duration of an engine tick (all modules).',
    registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const route: Route = {
    method: 'GET',
    path: '/metrics',
    async handle(_req, res) {
      const text = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType, 'content-length': Buffer.byteLength(text) });
      res.end(text);
    },
  };
  return { route, observeTick: (ms: number) => tickSeconds.observe(ms / 1000) };
}
