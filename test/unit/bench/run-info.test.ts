import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { runInfo } from '../../../bench/support/run-info.ts';

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

/** A repository with one source file and one results file committed. */
function repository(): string {
  dir = mkdtempSync(join(tmpdir(), 'tplus-run-info-'));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q');
  mkdirSync(join(dir, 'bench/results'), { recursive: true });
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'bench/results/intake.json'), '{}\n');
  writeFileSync(join(dir, 'src/a.ts'), 'export {};\n');
  git('add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'x');
  return dir;
}

// `npm run bench` runs its parts one after another: the intake part's fresh results must not mark
// the engine part's commit as changed, while a changed source file must.
it('marks a run dirty for changed code, not for results an earlier bench part wrote', () => {
  const root = repository();
  expect(runInfo(root).commit).toMatch(/^[0-9a-f]{12}$/);
  writeFileSync(join(root, 'bench/results/intake.json'), '{"new":1}\n');
  expect(runInfo(root).commit).toMatch(/^[0-9a-f]{12}$/);
  writeFileSync(join(root, 'src/a.ts'), 'export const changed = 1;\n');
  expect(runInfo(root).commit).toMatch(/^[0-9a-f]{12}\+dirty$/);
});
