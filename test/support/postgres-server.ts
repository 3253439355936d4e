import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A throwaway PostgreSQL 15 server on a loopback port, its data in a temp folder. */
export interface PostgresServer {
  /** Superuser `tplus`, database `postgres`, trust auth. */
  url: string;
  dataDir: string;
  stop(): Promise<void>;
  /**
   * `pg_ctl restart -m fast`: connections are cut, the server is back when this resolves. With
   * `downForMs`, the server stays stopped that long before it starts again (an outage long enough
   * to be observed from outside).
   */
  restart(options?: { downForMs?: number }): Promise<void>;
}

const DEBIAN_BIN_DIR = '/usr/lib/postgresql/15/bin';

/** Where initdb, pg_ctl and pg_dump are; throws one line saying how to install them. */
export function postgresBinDir(): string {
  if (existsSync(join(DEBIAN_BIN_DIR, 'initdb'))) return DEBIAN_BIN_DIR;
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // No pg_config on PATH: fall through to the install hint.
  }
  throw new Error(
    `PostgreSQL 15 server binaries not found (no initdb in ${DEBIAN_BIN_DIR} or \`pg_config --bindir\`): ` +
      'install them with `apt-get install postgresql-15` (.ci/run does it)',
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** initdb refuses root: as root the binaries run as `postgres`, which then owns the folder. */
function toolCommand(binDir: string, tool: string, args: string[]): [string, string[]] {
  const path = join(binDir, tool);
  return userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

/**
 * pg_ctl detaches the server, so a run killed before its teardown (a timeout, Ctrl-C) would
 * leave it running: a detached shell stops it and deletes its folder once this process is gone.
 */
function stopWhenOwnerDies(stopCommand: [string, string[]], root: string): ChildProcess {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const [file, args] = stopCommand;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `${[file, ...args].map(quote).join(' ')} >/dev/null 2>&1; rm -rf ${quote(root)}`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  return watchdog;
}

export async function startPostgres(): Promise<PostgresServer> {
  const binDir = postgresBinDir();
  const pgTool = (tool: string, args: string[]) => run(...toolCommand(binDir, tool, args));
  const root = mkdtempSync(join(tmpdir(), 'tplus-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  try {
    if (userInfo().uid === 0) chownSync(root, ...postgresIds());
    await pgTool('initdb', ['-D', dataDir, '-U', 'tplus', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-locale']);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
  // Another process may take the port between freePort() and the bind: try a few.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      '-c listen_addresses=127.0.0.1',
      '-c fsync=off',
      '-c max_connections=300',
    ].join(' ');
    try {
      // -l: the server's output goes to a file, not to our pipe (which would never close).
      await pgTool('pg_ctl', ['start', '-w', '-t', '60', '-D', dataDir, '-l', logFile, '-o', options]);
    } catch (error) {
      if (attempt < 3) continue;
      rmSync(root, { recursive: true, force: true });
      throw error;
    }
    const stopCommand = toolCommand(binDir, 'pg_ctl', ['stop', '-w', '-m', 'immediate', '-D', dataDir]);
    const watchdog = stopWhenOwnerDies(stopCommand, root);
    return {
      url: `postgresql://tplus@127.0.0.1:${port}/postgres`,
      dataDir,
      // pg_ctl restart reuses the options of the last start (postmaster.opts).
      restart: async ({ downForMs = 0 } = {}) => {
        if (downForMs > 0) {
          await pgTool('pg_ctl', ['stop', '-w', '-t', '60', '-m', 'fast', '-D', dataDir]);
          await new Promise((resolve) => setTimeout(resolve, downForMs));
        }
        // On a stopped server pg_ctl restart says so and starts it, again with postmaster.opts.
        await pgTool('pg_ctl', ['restart', '-w', '-t', '60', '-m', 'fast', '-D', dataDir, '-l', logFile]);
      },
      stop: async () => {
        watchdog.kill();
        await run(...stopCommand).catch(() => undefined);
        rmSync(root, { recursive: true, force: true });
      },
    };
  }
}

function postgresIds(): [number, number] {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return [id('-u'), id('-g')];
  } catch {
    throw new Error('PostgreSQL refuses to run as root and there is no `postgres` user: `useradd postgres`');
  }
}
