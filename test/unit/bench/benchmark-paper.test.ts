import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sax from 'sax';
import { afterEach, describe, expect, it } from 'vitest';
import { renderPaper } from '../../../bench/paper/render-paper.ts';
import { parseResults } from '../../../bench/paper/results.ts';
import { barChart } from '../../../bench/paper/svg-chart.ts';
import { writePaper } from '../../../bench/paper/write-paper.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/bench-results');

// The structure issue 15 asks of the paper, spelled out here rather than read from the generator.
const HEADINGS = [
  'Executive summary',
  'Methodology',
  'Ack latency',
  'Throughput',
  'Error rates and 429 handling',
  'End-to-end latency',
  'End to end: five runs',
  'Payload sizes',
  'Faults',
  'Soak',
  'Engine: step lateness and restart drain',
  'Memory over a soak',
  'PostgreSQL and replicas',
  'Raw data',
];

/** Parses an SVG with a strict XML parser; returns its root element and its series names. */
function parseSvg(svg: string): { root: string; xmlns: unknown; series: string[] } {
  const parser = sax.parser(true);
  const elements: { name: string; attributes: Record<string, unknown> }[] = [];
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => elements.push({ name: tag.name, attributes: tag.attributes });
  parser.write(svg).close();
  const series = elements
    .filter((e) => e.attributes.class === 'series')
    .map((e) => String(e.attributes['data-series']));
  return { root: elements[0]!.name, xmlns: elements[0]!.attributes.xmlns, series };
}

const dirs: string[] = [];
async function render(files: string[]) {
  const results = mkdtempSync(join(tmpdir(), 'paper-results-'));
  const docs = mkdtempSync(join(tmpdir(), 'paper-docs-'));
  dirs.push(results, docs);
  for (const f of files) copyFileSync(join(fixtures, f), join(results, f));
  await writePaper({ resultsDir: results, docsDir: docs });
  return docs;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ALL = ['intake.json', 'replicas.json', 'engine.json', 'end-to-end.json'];

describe('the benchmark paper', () => {
  it('has every section, in order, with the fixture’s numbers', async () => {
    const docs = await render(ALL);
    const paper = readFileSync(join(docs, 'benchmark.md'), 'utf8');
    const found = [...paper.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(found).toEqual(HEADINGS);
    expect(paper).toContain(
      'Commit and date: `intake.json` abc123def456 at 2031-02-03T04:05:06.000Z; `replicas.json` fedcba654321 at 2031-02-03T05:00:00.000Z; `engine.json` not recorded; `end-to-end.json` 0123456789ab at 2031-02-03T06:00:00.000Z, its part `soak` rerun at fedcba987654 at 2031-02-03T07:00:00.000Z.',
    );
    expect(paper).toContain('Machine: 3 cores, Fixture CPU 9000; Node v20.99.1.');
    expect(paper).toContain('(777 bytes)');
    expect(paper).toMatch(/\| tplus durable intake \(HTTP\) +\| 10 +\| 4,321 +\| 2 +\| 4 +\| – +\| 13 +\| 31 +\|/);
    expect(paper).toMatch(/\| bare node:http +\| 50 +\| 9,400 +\| 5 +\| 6 +\| – +\| 10 +\| 27 +\|/);
    expect(paper).toMatch(
      /\| tplus durable intake \(Socket Mode\) +\| 10 +\| 3,900 +\| 2.5 +\| 3.5 +\| – +\| 7 +\| 17 +\|/,
    );
    expect(paper).toContain('Peak: 4,600 acks/s at 50 connections');
    expect(paper).toContain(
      "- Back to back with bare Bolt at 10 connections, 3 pairs: median 1.2× Bolt's acks/s (lowest 1.1×), p99 1.11× Bolt's.",
    );
    expect(paper).toMatch(/\| 2 +\| 4,000 +\| 5,200 +\| 1.3× +\| 12 +\| 11 +\| 0.92× +\|/);
    expect(paper).toContain(
      "Medians of the 3 pairs: tplus 1.2× bare Bolt's acks/s (target ≥ 1.2×: met), p99 1.11× Bolt's (target ≤ 1.5×: met); lowest pair 1.1×.",
    );
    expect(paper).toContain(
      'the knee is at 10 connections (4,321 acks/s, ≥ 90 % of the peak); mean error rate past it 0.1 %.',
    );
    expect(paper).toContain('2 of 101 cards not delivered');
    expect(paper).toMatch(/\| 2,000 +\| 3 +\| 101 +\| 99 +\| 64 +\| 287 +\| 402 +\| 650 +\|/);
    // The engine sections above the PostgreSQL one read engine.json's SQLite figures.
    expect(paper).toContain('all drained 9.9 s after ready (10.9 s after spawn)');
    expect(paper).toContain('p99 lateness 933 ms over 300 steps');
  });

  it('puts PostgreSQL beside SQLite: one replica against two, and the engine on each database', async () => {
    const paper = readFileSync(join(await render(ALL), 'benchmark.md'), 'utf8');
    const section = paper.slice(paper.indexOf('## PostgreSQL and replicas'), paper.indexOf('## Raw data'));
    expect(section).toMatch(/\| SQLite, one process +\| 10 +\| 4,000 +\| 2 +\| 4 +\| 12 +\| 24 +\| all +\| 0.2 +\|/);
    expect(section).toMatch(
      /\| PostgreSQL, one replica +\| 10 +\| 2,000 +\| 2 +\| 4 +\| 9 +\| 18 +\| all +\| 0.35 +\|/,
    );
    expect(section).toMatch(
      /\| PostgreSQL, two replicas +\| 50 +\| 3,000 +\| 2 +\| 4 +\| 33 +\| 66 +\| 10 missing +\| 0.45 +\|/,
    );
    // Verdicts against the targets, a miss said as a miss.
    expect(section).toContain(
      '10 connections: two replicas 1.7× one replica’s acks/s (target ≥ 1.6×: met); ack p99 14 ms (target ≤ 20 ms: met)',
    );
    expect(section).toContain(
      '50 connections: two replicas 1.2× one replica’s acks/s (target ≥ 1.6×: **missed**); ack p99 33 ms (target ≤ 20 ms: **missed**)',
    );
    expect(section).toContain('PostgreSQL 15.99 (fixture settings)');
    expect(section).toContain('Load average (1, 5, 15 min) 1.25, 1.5, 1.75 at the start, 2, 2, 2 at the end.');
    expect(section).toMatch(/\| tick p50, all pending rows +\| 8.75 ms +\| 19.25 ms +\|/);
    expect(section).toMatch(/\| step lateness p99 \(target ≤ 1,500 ms\) +\| 933 ms +\| 1,623 ms +\|/);
    expect(section).toMatch(
      /\| overdue steps drained after a restart \(target ≤ 10 s\) +\| 600 in 10.9 s from spawn +\| 600 in 8.4 s from spawn +\|/,
    );
    expect(section).toContain('- SQLite: step lateness p99 met; restart drain **missed**.');
    expect(section).toContain('- PostgreSQL: step lateness p99 **missed**; restart drain met.');
    expect(paper).toContain(
      'PostgreSQL intake at 50 connections: two replicas 1.2× one replica’s acks/s, p99 33 ms (SQLite 4,500 acks/s).',
    );
    expect(paper).toContain('Engine on PostgreSQL: p99 lateness 1,623 ms; 600 overdue steps drained 8.4 s');
    expect(paper).toContain('[`bench/results/replicas.json`](../bench/results/replicas.json)');
  });

  it('measures two replicas against one again with each replica capped at 0.5 CPU, the uncapped verdicts kept', async () => {
    const paper = readFileSync(join(await render(ALL), 'benchmark.md'), 'utf8');
    const section = paper.slice(
      paper.indexOf('## PostgreSQL and replicas'),
      paper.indexOf('### Engine on each database'),
    );
    const capped = section.slice(section.indexOf('### Intake with each replica limited to a share of a CPU'));
    expect(capped).toContain(
      'each replica limited to 0.5 CPU by a cgroup (cgroup v1), as if on its own machine; PostgreSQL and the load generator share the rest of the machine’s 3 cores.',
    );
    expect(capped).toMatch(
      /\| PostgreSQL, one replica at 0.5 CPU +\| 10 +\| 1,000 +\| 3 +\| 6 +\| 16 +\| 32 +\| all +\| 0.25 +\| 0.5 \/ 0.25 \/ 0.25 +\|/,
    );
    expect(capped).toMatch(
      /\| PostgreSQL, two replicas at 0.5 CPU each +\| 50 +\| 1,800 +\| 3 +\| 6 +\| 24 +\| 48 +\| all +\| 0.25 +\| 1 \/ 0.5 \/ 0.5 +\|/,
    );
    expect(capped).toContain(
      '- 10 connections, each replica at 0.5 CPU: two replicas 1.9× one replica’s acks/s (target ≥ 1.6×: met); ack p99 18 ms (target ≤ 20 ms: met).',
    );
    expect(capped).toContain(
      '- 50 connections, each replica at 0.5 CPU: two replicas 1.5× one replica’s acks/s (target ≥ 1.6×: **missed**); ack p99 24 ms (target ≤ 20 ms: **missed**).',
    );
    // Both verdicts side by side: the capped runs never stand in for the uncapped miss.
    expect(capped).toContain(
      'Against the targets: uncapped, on the shared machine, the ratio target met at 1 of 2 connection counts, the p99 target at 1 of 2; each replica at 0.5 CPU, the ratio target met at 1 of 2 connection counts, the p99 target at 1 of 2.',
    );
    // The shared machine's cores during the uncapped loads, where they were measured.
    expect(section).toMatch(/\| PostgreSQL, two replicas +\| 50 +\| 3,000 .*\| 1 \/ 0.75 \/ 1 +\|/);
    expect(section).toMatch(/\| PostgreSQL, one replica +\| 10 +\| 2,000 .*\| – +\|/);
  });

  it('renders the replicas section as before when the capped runs are absent, and says why when skipped', () => {
    const fixture = JSON.parse(readFileSync(join(fixtures, 'replicas.json'), 'utf8'));
    const { cpuCapped: _, ...uncapped } = fixture;
    for (const r of Object.values(uncapped.runs) as Record<string, { cpuCores?: unknown }>[])
      for (const load of Object.values(r)) delete load.cpuCores;
    const intake = (replicas: unknown) => {
      const paper = renderPaper(parseResults({ 'replicas.json': replicas })).markdown;
      return paper.slice(
        paper.indexOf('### Intake: one replica and two'),
        paper.indexOf('### Engine on each database'),
      );
    };
    const before = intake(uncapped);
    expect(before).not.toContain('cgroup');
    expect(before).not.toContain('CPU cores');
    expect(before).toContain(
      '| configuration | connections | acks/s | p50 ms | p90 ms | p99 ms | max ms | acks in database | tplus CPU ms/ack |\n',
    );
    expect(before.trimEnd().endsWith('![ack p99 by configuration](benchmark/replicas-ack-p99.svg)')).toBe(true);

    const skipped = intake({ ...uncapped, cpuCapped: { skipped: 'no cgroup cpu controller under /sys/fs/cgroup' } });
    expect(skipped.startsWith(before.trimEnd())).toBe(true);
    expect(skipped).toContain(
      'Intake with each replica limited by a cgroup to a share of a CPU: skipped (no cgroup cpu controller under /sys/fs/cgroup).',
    );
  });

  it('has the step-lateness histogram at 1k / 10k / 100k pending steps for each database', async () => {
    const docs = await render(ALL);
    const paper = readFileSync(join(docs, 'benchmark.md'), 'utf8');
    const section = paper.slice(paper.indexOf('## Engine: step lateness'), paper.indexOf('## Memory over a soak'));
    expect(section).not.toContain('A lateness histogram at 1k / 10k / 100k pending steps: not measured');
    const sqlite = section.slice(
      section.indexOf('SQLite: steps claimed'),
      section.indexOf('PostgreSQL: steps claimed'),
    );
    const postgres = section.slice(section.indexOf('PostgreSQL: steps claimed'));
    expect(sqlite).toContain('with 1,000, 10,000, 100,000 pending step rows');
    expect(sqlite).toContain('The 100,000 level is the lateness run above');
    expect(sqlite).toMatch(
      /\| lateness \(firedAt − dueAt\) +\| 1,000 pending +\| 10,000 pending +\| 100,000 pending +\|/,
    );
    expect(sqlite).toMatch(/\| steps due +\| 100 over 3 s +\| 500 over 15 s +\| 300 over 30 s +\|/);
    expect(sqlite).toMatch(/\| 500–1,000 ms +\| 50 \(50 %\) +\| 250 \(50 %\) +\| 150 \(50 %\) +\|/);
    expect(sqlite).toMatch(/\| p99 ms +\| 960 +\| 955 +\| 933 +\|/);
    expect(sqlite).toContain('](benchmark/lateness-histogram-sqlite.svg)');
    expect(postgres).toMatch(/\| 1,500–3,000 ms +\| 0 \(0 %\) +\| 2 \(0.4 %\) +\| 5 \(1.7 %\) +\|/);
    expect(postgres).toMatch(/\| ≥ 3,000 ms +\| 0 \(0 %\) +\| 0 \(0 %\) +\| 0 \(0 %\) +\|/);
    expect(postgres).toMatch(/\| p99 ms +\| 1,010 +\| 1,100 +\| 1,623 +\|/);
    expect(postgres).toContain('](benchmark/lateness-histogram-postgresql.svg)');
    // The plot's bars are each level's share of its steps, so levels of different sizes compare.
    const svg = readFileSync(join(docs, 'benchmark', 'lateness-histogram-postgresql.svg'), 'utf8');
    expect(svg).toContain('<title>100,000 pending, 1,500–3,000 ms: 1.667 % of steps</title>');
    expect(svg).toContain('<title>1,000 pending, 500–1,000 ms: 48 % of steps</title>');
  });

  it('has bench:e2e’s five runs, payload sizes, faults and soak, each verdict from the results', async () => {
    const paper = readFileSync(join(await render(ALL), 'benchmark.md'), 'utf8');
    const section = (heading: string) => {
      const start = paper.indexOf(`## ${heading}\n`);
      return paper.slice(start, paper.indexOf('\n## ', start + 1));
    };
    const runs = section('End to end: five runs');
    expect(runs).toContain('p95 under 300 ms in 4 of 5 runs (target: 5 of 5): **missed**.');
    expect(runs).toMatch(/\| 3 +\| 1.3 +\| 100 +\| 100 +\| 0 +\| 0 +\| 23 +\| 299 +\| 349 +\| 399 +\| yes +\|/);
    expect(runs).toMatch(/\| 4 +\| 1.4 +\| 100 +\| 99 +\| 1 +\| 0 +\| 24 +\| 480 +\| 530 +\| 580 +\| \*\*no\*\* +\|/);
    expect(runs).toContain('had not arrived 90 s after the last send');
    expect(runs).toContain(
      'Run 4: of the 1 without a card when the wait ended, 0 had no ticket yet (inbox entries: 100 done); their card’s outbox items: 1 pending.',
    );
    expect(runs).toContain('](benchmark/e2e-worst-run-per-second.svg)');

    const sizes = section('Payload sizes');
    expect(sizes).toMatch(
      /\| 40,000 chars +\| 40,705 +\| 1.5 +\| 30 +\| 30 +\| 0 +\| 3.5 +\| 8.3 +\| 12.5 +\| 80 +\| 170 +\| 180 +\| 190 +\|/,
    );
    expect(sizes).toContain('with 2 files attached as Slack sends them from a Slack Connect member');

    const faults = section('Faults');
    expect(faults).toMatch(
      /\| 429 \(Retry-After\) +\| 12 of 90 +\| 40 +\| 6 +\| 40 +\| 0 +\| 0 +\| 0 +\| 1,800 +\| 3,900 +\| 4,100 +\| 5.2 +\|/,
    );
    expect(faults).toMatch(
      /\| 5xx +\| 15 of 95 +\| 40 +\| 5 +\| 40 +\| 0 +\| 0 +\| 0 +\| 2,100 +\| 4,400 +\| 4,700 +\| 5.2 +\|/,
    );
    expect(faults).toContain('- 5xx: lost 0, duplicates 0 (target 0 and 0: met)');
    expect(faults).toContain('with 500 for 120 s while S1 tickets arrived');
    expect(faults).toContain(
      '60 incidents opened, 14 trigger calls refused, 0 triggers accepted during the outage and 60 in all',
    );
    expect(faults).toContain('the first trigger arrived in 16.9 s and the last in 17.4 s');

    const soak = section('Soak');
    expect(soak).toContain(
      '3 minutes at 2,000 tickets/min on one fresh process and database: 6,000 sent, 6,000 cards, 0 lost (target 0: met)',
    );
    expect(soak).toContain('mean 150 MB in minute 2, 156 MB in minute 3, +4 % (target: within 10 %: met)');

    expect(paper).toContain(
      '- End to end at 2,000 tickets/min, five runs: p95 110, 205, 299, 480, 150 ms; under 300 ms in 4 of 5 (target 5 of 5: **missed**); 1 lost.',
    );
    expect(paper).toContain(
      '- PagerDuty down 2 min: 60 incidents, 0 pages lost, 0 twice; the last delivered 17.4 s after it came back.',
    );
    expect(paper).toContain(
      'Load while `bench:e2e` ran: load average (1, 5, 15 min) 1.25, 1.5, 1.75 at the start, 2, 2, 2 at the end',
    );
    expect(paper).toContain('Ticket bodies of 1 KB, 10 KB and 40 KB with file metadata: see Payload sizes.');
    expect(paper).toContain('Slack answering 429 (Retry-After) or 5xx, and PagerDuty down: see Faults below.');
    expect(paper).toContain('RSS over a soak at 2,000 tickets/min: see Soak above.');
    expect(paper).toContain('[`bench/results/end-to-end.json`](../bench/results/end-to-end.json)');
  });

  it('still reads an engine.json from before the database dimension', () => {
    const { engine } = parseResults({
      'engine.json': {
        lateness: {
          steps: 5,
          spreadMs: 1000,
          recordedLatenessMs: { p50: 1, p99: 2, max: 3 },
          deliveredLatenessMs: { p50: 1, p99: 2, max: 3 },
          undelivered: 0,
        },
      },
    });
    expect(engine?.lateness?.steps).toBe(5);
    const paper = renderPaper(parseResults({ 'engine.json': { lateness: engine!.lateness } })).markdown;
    expect(paper).toContain('p99 lateness 2 ms over 5 steps');
    expect(paper).toContain('The engine on PostgreSQL: not measured in this run.');
    expect(paper).toContain('A lateness histogram at 1k / 10k / 100k pending steps: not measured in this run.');
  });

  it('says "not measured in this run" for what the results do not hold', async () => {
    const docs = await render(['intake.json', 'engine.json']);
    const paper = readFileSync(join(docs, 'benchmark.md'), 'utf8');
    expect(paper).toContain('RSS over a soak: not measured in this run.');
    expect(paper).toContain('Intake on PostgreSQL with one and two replicas: not measured in this run.');
    expect(paper).not.toContain('The engine on PostgreSQL: not measured');
    expect(paper).toContain('Slack answering 429 (Retry-After) or 5xx, and PagerDuty down: not measured in this run.');
    for (const absent of [
      'Five end-to-end runs',
      'Ticket bodies of 1 KB, 10 KB and 40 KB',
      'Slack answering 429 or 5xx, and PagerDuty down',
      'A soak at 2,000 tickets/min',
    ])
      expect(paper).toContain(`${absent}: not measured in this run.`);

    const engineOnly = readFileSync(join(await render(['engine.json']), 'benchmark.md'), 'utf8');
    expect(engineOnly).toContain('Ack latency: not measured in this run.');
    expect(engineOnly).toContain('End-to-end latency: not measured in this run.');
    expect(engineOnly).not.toContain('ack-latency.svg');

    const noRuns = renderPaper(parseResults({ 'intake.json': { bareBolt: {}, tplusDurableIntake: {} } }));
    expect(noRuns.markdown).toContain('Ack latency: not measured in this run.');
    expect(noRuns.markdown).toContain('Throughput: not measured in this run.');
    expect(noRuns.plots).toEqual([]);
  });

  it('draws each plot as valid SVG with the expected series, linked from the paper', async () => {
    const docs = await render(ALL);
    const paper = readFileSync(join(docs, 'benchmark.md'), 'utf8');
    const expected: Record<string, string[]> = {
      'ack-latency.svg': [
        'bare node:http',
        'bare Bolt',
        'tplus durable intake (HTTP)',
        'tplus durable intake (Socket Mode)',
      ],
      'throughput.svg': [
        'bare node:http',
        'bare Bolt',
        'tplus durable intake (HTTP)',
        'tplus durable intake (Socket Mode)',
      ],
      'end-to-end.svg': ['p50', 'p95', 'p99'],
      'deliveries-per-second.svg': ['sent', 'delivered'],
      'step-lateness.svg': ['claimed (firedAt − dueAt)', 'first Slack post'],
      'lateness-histogram-sqlite.svg': ['1,000 pending', '10,000 pending', '100,000 pending'],
      'lateness-histogram-postgresql.svg': ['1,000 pending', '10,000 pending', '100,000 pending'],
      'drain.svg': ['steps claimed'],
      'replicas-acks.svg': ['SQLite, one process', 'PostgreSQL, one replica', 'PostgreSQL, two replicas'],
      'replicas-ack-p99.svg': ['SQLite, one process', 'PostgreSQL, one replica', 'PostgreSQL, two replicas'],
      'step-lateness-databases.svg': ['SQLite', 'PostgreSQL'],
      'drain-databases.svg': ['SQLite', 'PostgreSQL'],
      'e2e-runs.svg': ['p50', 'p95', 'p99'],
      'e2e-worst-run-per-second.svg': ['sent', 'cards delivered'],
      'e2e-payload-sizes.svg': ['ack p99', 'card p50', 'card p95'],
      'e2e-faults-slack-429.svg': ['sent', 'cards delivered'],
      'e2e-faults-slack-5xx.svg': ['sent', 'cards delivered'],
      'e2e-faults-pagerduty.svg': ['triggers accepted'],
      'e2e-soak-rss.svg': ['RSS'],
      'e2e-soak-per-second.svg': ['sent', 'cards delivered'],
    };
    expect(readdirSync(join(docs, 'benchmark')).sort()).toEqual(Object.keys(expected).sort());
    for (const [file, series] of Object.entries(expected)) {
      const svg = parseSvg(readFileSync(join(docs, 'benchmark', file), 'utf8'));
      expect({ file, ...svg }).toEqual({ file, root: 'svg', xmlns: 'http://www.w3.org/2000/svg', series });
      expect(paper).toContain(`](benchmark/${file})`);
    }
  });

  it('escapes names so a chart stays valid XML', () => {
    const svg = barChart({
      title: 'a <b> & "c"',
      unit: 'ms',
      categories: ["d'e"],
      series: [{ name: 'x & y', values: [3] }],
    });
    expect(parseSvg(svg).series).toEqual(['x & y']);
  });

  it('refuses a results file of the wrong shape, naming it', () => {
    expect(() => parseResults({ 'intake.json': { bareBolt: { c10: { connections: 'ten' } } } })).toThrow(
      /bench\/results\/intake\.json/,
    );
    expect(() =>
      parseResults({
        'engine.json': {
          latenessByPending: {
            bucketEdgesMs: [0, 50],
            levels: [
              { pendingRows: 1000, steps: 1, spreadMs: 1000, latenessMs: { p50: 1, p99: 1, max: 1 }, counts: [1] },
            ],
          },
        },
      }),
    ).toThrow(/bench\/results\/engine\.json/);
    expect(() => parseResults({ 'end-to-end.json': { target: { p95Ms: 300 }, runs: [{ run: 1 }] } })).toThrow(
      /bench\/results\/end-to-end\.json/,
    );
  });
});
