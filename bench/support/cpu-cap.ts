// A fixed CPU quota per benchmarked process, through a cgroup of its own: "one machine per
// replica" on a machine whose cores the load generator and the database share with the replicas.
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../engine/stats.ts';

export const CFS_PERIOD_US = 100_000;

export type CgroupHierarchy = 'cgroup v1' | 'cgroup v2';

/** Groups that each hold one process under a CPU quota; `removeAll` once their processes are dead. */
export interface CpuCap {
  hierarchy: CgroupHierarchy;
  /** CPUs each group may use (0.5: half a core, over every 100 ms period). */
  share: number;
  /** Makes a new group limited to `share` and moves `pid` into it: every thread, and what it forks later. */
  confine(pid: number): void;
  /** rmdir of every group made so far; throws when one still holds a process after a few seconds. */
  removeAll(): Promise<void>;
}

/** The files that set a group's limit, and what each holds (the kernel's minimum quota is 1 ms). */
export function limitFiles(hierarchy: CgroupHierarchy, share: number): [file: string, content: string][] {
  const quota = String(Math.max(1000, Math.round(share * CFS_PERIOD_US)));
  return hierarchy === 'cgroup v1'
    ? [
        ['cpu.cfs_period_us', String(CFS_PERIOD_US)],
        ['cpu.cfs_quota_us', quota],
      ]
    : [['cpu.max', `${quota} ${CFS_PERIOD_US}`]];
}

/** Where new groups go: v1's cpu controller, else v2's unified tree when it offers `cpu`; else why not. */
export function findHierarchy(root: string): { hierarchy: CgroupHierarchy; parent: string } | { skipped: string } {
  const v1 = join(root, 'cpu');
  if (existsSync(join(v1, 'cpu.cfs_quota_us'))) return { hierarchy: 'cgroup v1', parent: v1 };
  const controllers = join(root, 'cgroup.controllers');
  if (!existsSync(controllers)) return { skipped: `no cgroup cpu controller under ${root}` };
  if (!readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu'))
    return { skipped: `cgroup v2 at ${root} does not offer the cpu controller` };
  return { hierarchy: 'cgroup v2', parent: root };
}

/**
 * Opens the cgroup CPU controller for groups named `<prefix>-<n>` (a probe group is made and
 * removed first, so an unwritable hierarchy is found before any load); `{ skipped }` says why not.
 */
export function openCpuCap({
  share,
  root = '/sys/fs/cgroup',
  prefix = `tplus-bench-${process.pid}`,
}: {
  share: number;
  root?: string;
  prefix?: string;
}): CpuCap | { skipped: string } {
  const found = findHierarchy(root);
  if ('skipped' in found) return found;
  const { hierarchy, parent } = found;
  const made: string[] = [];
  const makeGroup = (name: string) => {
    const dir = join(parent, name);
    mkdirSync(dir);
    made.push(dir);
    for (const [file, content] of limitFiles(hierarchy, share)) writeFileSync(join(dir, file), content);
    return dir;
  };
  const cap: CpuCap = {
    hierarchy,
    share,
    confine(pid) {
      // cgroup.procs, not tasks: v1 moves the whole thread group with it (libuv's and V8's threads).
      writeFileSync(join(makeGroup(`${prefix}-${made.length + 1}`), 'cgroup.procs'), String(pid));
    },
    async removeAll() {
      // A SIGKILLed child leaves its group as it exits, which may be a moment after kill() returns.
      for (const dir of made.splice(0)) {
        for (let attempt = 1; ; attempt++) {
          try {
            if (existsSync(dir)) rmdirSync(dir);
            break;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'EBUSY' || attempt >= 50) throw error;
            await sleep(100);
          }
        }
      }
    },
  };
  try {
    // v2 limits a child group only once its parent hands the cpu controller down.
    if (hierarchy === 'cgroup v2') {
      const subtree = join(parent, 'cgroup.subtree_control');
      if (!readFileSync(subtree, 'utf8').split(/\s+/).includes('cpu')) writeFileSync(subtree, '+cpu');
    }
    makeGroup(`${prefix}-probe`);
    rmdirSync(made.pop()!);
  } catch (error) {
    for (const dir of made.splice(0)) rmSafely(dir);
    return { skipped: `${hierarchy} at ${parent} not writable: ${(error as Error).message}` };
  }
  return cap;
}

function rmSafely(dir: string) {
  try {
    rmdirSync(dir);
  } catch {
    // A probe group half made on a hierarchy we may not write: nothing more to do.
  }
}
