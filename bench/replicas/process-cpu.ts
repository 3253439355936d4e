// CPU time of processes, read from /proc: the replicas', and the PostgreSQL server's that shares
// the machine with them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of /proc/<pid>/stat after "(comm) ", or undefined once the process is gone. */
function statFields(pid: number | string | undefined): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
  } catch {
    return undefined;
  }
}

/** User + system CPU time of a process so far, in ms (/proc/<pid>/stat, clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number {
  const fields = statFields(pid);
  // After "(comm) ", utime and stime are fields 12 and 13 (14 and 15 of the whole line).
  return fields ? (Number(fields[11]) + Number(fields[12])) * 10 : NaN;
}

/**
 * CPU time of a PostgreSQL server so far, in ms: the postmaster's own, its live children's
 * (backends, WAL writer, checkpointer…) and, through cutime + cstime, that of the children it has
 * already reaped, so a backend that exits during the load still counts.
 */
export function postgresServerCpuMs(dataDir: string): number {
  let postmaster: string;
  try {
    postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
  } catch {
    return NaN;
  }
  const own = statFields(postmaster);
  if (!own) return NaN;
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = statFields(entry);
    // The parent pid is field 2 after "(comm) " (4 of the whole line).
    if (fields?.[1] === postmaster) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** CPU time of this process (the load generator and the Slack emulator), all its threads, in ms. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
