// npm run bench:paper — renders docs/benchmark.md and its plots from bench/results/*.json,
// without running any benchmark. `npm run bench` calls it last.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { renderPaper } from './render-paper.ts';
import { readResults } from './results.ts';

/** Writes `<docsDir>/benchmark.md` and `<docsDir>/benchmark/*.svg`; plots no longer drawn are removed. */
export async function writePaper({ resultsDir, docsDir }: { resultsDir: string; docsDir: string }): Promise<string[]> {
  const { markdown, plots } = renderPaper(readResults(resultsDir));
  const plotDir = join(docsDir, 'benchmark');
  mkdirSync(plotDir, { recursive: true });
  const drawn = new Set(plots.map((p) => p.file));
  for (const old of readdirSync(plotDir)) if (old.endsWith('.svg') && !drawn.has(old)) rmSync(join(plotDir, old));
  for (const plot of plots) writeFileSync(join(plotDir, plot.file), plot.svg);
  // Formatted as the tree is, so `prettier --check .` passes on a freshly written paper.
  const paperPath = join(docsDir, 'benchmark.md');
  const options = await resolveConfig(paperPath);
  writeFileSync(paperPath, await format(markdown, { ...options, filepath: paperPath }));
  return [join(docsDir, 'benchmark.md'), ...plots.map((p) => join(plotDir, p.file))];
}

async function main(): Promise<void> {
  const root = join(import.meta.dirname, '../..');
  const { values } = parseArgs({ options: { results: { type: 'string' }, docs: { type: 'string' } } });
  const written = await writePaper({
    resultsDir: values.results ?? join(root, 'bench/results'),
    docsDir: values.docs ?? join(root, 'docs'),
  });
  for (const file of written) console.log(`written ${relative(process.cwd(), file)}`);
}

if (process.argv[1] === import.meta.filename) await main();
