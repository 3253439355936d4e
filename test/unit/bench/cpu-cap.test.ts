import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findHierarchy, limitFiles, openCpuCap } from '../../../bench/support/cpu-cap.ts';

// A folder laid out like /sys/fs/cgroup: enough to find the hierarchy, not a kernel that enforces it.
const roots: string[] = [];
function fakeCgroupRoot(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'fake-cgroup-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('the benchmark CPU cap', () => {
  it('gives half a CPU as a 50 ms quota in every 100 ms period, in v1 and v2 terms', () => {
    expect(limitFiles('cgroup v1', 0.5)).toEqual([
      ['cpu.cfs_period_us', '100000'],
      ['cpu.cfs_quota_us', '50000'],
    ]);
    expect(limitFiles('cgroup v2', 0.5)).toEqual([['cpu.max', '50000 100000']]);
    expect(limitFiles('cgroup v2', 0.001)).toEqual([['cpu.max', '1000 100000']]);
  });

  it('prefers the v1 cpu controller, else v2 when it offers cpu, else says why not', () => {
    const v1 = fakeCgroupRoot({ 'cpu/cpu.cfs_quota_us': '-1' });
    expect(findHierarchy(v1)).toEqual({ hierarchy: 'cgroup v1', parent: join(v1, 'cpu') });
    const v2 = fakeCgroupRoot({ 'cgroup.controllers': 'cpuset cpu io memory pids\n' });
    expect(findHierarchy(v2)).toEqual({ hierarchy: 'cgroup v2', parent: v2 });
    const v2WithoutCpu = fakeCgroupRoot({ 'cgroup.controllers': 'memory pids\n' });
    expect(findHierarchy(v2WithoutCpu)).toEqual({
      skipped: `cgroup v2 at ${v2WithoutCpu} does not offer the cpu controller`,
    });
    const none = fakeCgroupRoot({});
    expect(openCpuCap({ share: 0.5, root: none })).toEqual({ skipped: `no cgroup cpu controller under ${none}` });
  });

  it('hands the cpu controller down to child groups on v2 before making one', () => {
    const v2 = fakeCgroupRoot({ 'cgroup.controllers': 'cpu memory\n', 'cgroup.subtree_control': '' });
    // A folder is not cgroupfs: the probe group keeps the files written into it, so rmdir fails.
    const cap = openCpuCap({ share: 0.5, root: v2, prefix: 'probe-test' });
    expect(cap).toEqual({ skipped: expect.stringContaining(`cgroup v2 at ${v2} not writable`) });
    expect(readFileSync(join(v2, 'cgroup.subtree_control'), 'utf8')).toBe('+cpu');
    expect(readFileSync(join(v2, 'probe-test-probe', 'cpu.max'), 'utf8')).toBe('50000 100000');
  });
});
