import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** What `npm run bench` itself writes: an earlier part's results do not make a later part dirty. */
const BENCH_OUTPUTS = [':(exclude)bench/results', ':(exclude)docs/benchmark.md', ':(exclude)docs/benchmark'];

/**
 * What the benchmark paper's header needs to say where a result came from: the date, the commit
 * (`+dirty` when the working tree had changes to tracked files other than the bench's own
 * outputs), the machine and Node.
 */
export function runInfo(cwd = process.cwd()): {
  date: string;
  commit: string;
  node: string;
  cores: number;
  cpu: string;
} {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const head = git('rev-parse', '--short=12', 'HEAD');
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ...BENCH_OUTPUTS) !== '';
  return {
    date: new Date().toISOString(),
    commit: head ? `${head}${dirty ? '+dirty' : ''}` : 'unknown',
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
  };
}
