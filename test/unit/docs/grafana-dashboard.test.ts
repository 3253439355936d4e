import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../../src/web/metrics-route.ts';

/**
 * docs/grafana-dashboard.json must only chart what GET /metrics serves: every metric name in every
 * panel's expr is one the code registers, counters and histograms are the only series given to
 * rate(), and the `replica` variable filters every query.
 */
const dashboardPath = join(import.meta.dirname, '../../../docs/grafana-dashboard.json');

interface Target {
  expr?: string;
}
interface Panel {
  title?: string;
  type?: string;
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  schemaVersion: number;
  __inputs?: { name: string; type: string; pluginId: string }[];
  panels: Panel[];
  templating: { list: { name: string; type: string; query: unknown; definition?: string }[] };
}

/** The metrics createMetrics registers, read from prom-client as it registers them (no scrape, no database). */
function registeredMetrics(): Map<string, string> {
  const spy = vi.spyOn(Registry.prototype, 'registerMetric');
  // Collectors read the store only at scrape time; any store method answers "no rows".
  const store = new Proxy({}, { get: () => () => ({}) });
  const options = { store, engine: { tickAgeMs: () => 0 }, audit: { totals: {} }, replica: 'test' };
  createMetrics(options as unknown as Parameters<typeof createMetrics>[0]);
  // Read after construction: a metric registers itself before its subclass sets `type`.
  const metrics = spy.mock.calls.map(([metric]) => metric as unknown as { name: string; type: string });
  spy.mockRestore();
  return new Map(metrics.map((m) => [m.name, m.type]));
}

const PROMQL_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'and',
  'or',
  'unless',
  'offset',
  'inf',
  'nan',
]);

/** Metric names in a PromQL expression: identifiers that are neither a function, a keyword nor inside {} or []. */
function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names: string[] = [];
  for (const match of bare.matchAll(/(?<![\w.$])[a-zA-Z_:][\w:]*/g)) {
    const after = bare.slice(match.index + match[0].length);
    if (/^\s*\(/.test(after)) continue; // a function or an aggregation
    if (PROMQL_KEYWORDS.has(match[0].toLowerCase())) continue;
    names.push(match[0]);
  }
  return names;
}

/** The metric a series name belongs to: a histogram's _bucket, _sum and _count are its own. */
function ownerOf(series: string, metrics: Map<string, string>): string | undefined {
  if (metrics.has(series)) return series;
  const base = series.replace(/_(bucket|sum|count)$/, '');
  return base !== series && metrics.get(base) === 'histogram' ? base : undefined;
}

function allPanels(panels: Panel[]): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);
}

describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;
  const metrics = registeredMetrics();
  const targets = allPanels(dashboard.panels).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title ?? '(untitled)', expr: target.expr ?? '' })),
  );

  afterEach(() => vi.restoreAllMocks());

  it('reads the metrics from the code', () => {
    expect(metrics.get('tplus_engine_tick_seconds')).toBe('histogram');
    expect(metrics.get('tplus_engine_last_tick_age_seconds')).toBe('gauge');
  });

  it('is a schema 39 dashboard on a DS_PROMETHEUS input', () => {
    expect(dashboard.schemaVersion).toBe(39);
    expect(dashboard.__inputs).toContainEqual(
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    );
    expect(targets.length).toBeGreaterThan(0);
  });

  it('uses only metrics that GET /metrics serves', () => {
    const unknown = targets.flatMap(({ panel, expr }) => {
      const names = metricNames(expr);
      if (names.length === 0) return [`${panel}: no metric in ${expr}`];
      return names.filter((name) => !ownerOf(name, metrics)).map((name) => `${panel}: ${name}`);
    });
    expect(unknown).toEqual([]);
  });

  it('gives rate() and increase() only counters and histogram series', () => {
    const misuse = targets.flatMap(({ panel, expr }) =>
      [...expr.matchAll(/\b(?:rate|irate|increase)\s*\(\s*([a-zA-Z_:][\w:]*)/g)]
        .map((m) => m[1] ?? '')
        .filter((name) => {
          const owner = ownerOf(name, metrics);
          const type = owner && metrics.get(owner);
          return !(type === 'counter' || (type === 'histogram' && name !== owner));
        })
        .map((name) => `${panel}: ${name}`),
    );
    expect(misuse).toEqual([]);
  });

  it('uses histogram_quantile over _bucket series only', () => {
    for (const { panel, expr } of targets.filter((t) => t.expr.includes('histogram_quantile'))) {
      expect(
        metricNames(expr).every((name) => name.endsWith('_bucket')),
        panel,
      ).toBe(true);
    }
  });

  it('has a replica variable from label_values(..., replica) that every query filters on', () => {
    const replica = dashboard.templating.list.find((v) => v.name === 'replica');
    expect(replica?.type).toBe('query');
    const query = JSON.stringify(replica?.query) + (replica?.definition ?? '');
    const source = /label_values\(\s*([a-zA-Z_:][\w:]*)\s*,\s*replica\s*\)/.exec(query);
    expect(source, query).not.toBeNull();
    expect(ownerOf(source?.[1] ?? '', metrics)).toBeDefined();
    const unfiltered = targets.filter(({ expr }) => !expr.includes('replica=~"$replica"'));
    expect(unfiltered.map((t) => t.panel)).toEqual([]);
  });

  it('extracts metric names from PromQL', () => {
    expect(
      metricNames(
        'histogram_quantile(0.99, sum by (le, replica) (rate(a_bucket{replica=~"$replica", x="y{z}"}[$__rate_interval])))',
      ),
    ).toEqual(['a_bucket']);
    expect(metricNames('max(delta(b{s="done"}[5m])) / 5 + sum(c) by (kind) offset 1h')).toEqual(['b', 'c']);
  });
});
