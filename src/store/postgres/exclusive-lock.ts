import pg from 'pg';
import type { ExclusiveLock } from '../database-port.ts';

/** The advisory lock key of the once-a-minute work (the migration lock has its own). */
export const SINGLETON_LOCK_KEY = '7311090002';

/**
 * A session-level advisory lock on a connection of its own (not the pool's, whose connections
 * come and go). PostgreSQL frees it when that session ends, so when the replica holding it dies
 * or loses its connection, the next replica to ask takes it over within one tick.
 */
export function postgresExclusiveLock(
  config: pg.ClientConfig,
  onError: (error: unknown) => void,
): ExclusiveLock & {
  close(): Promise<void>;
} {
  let client: pg.Client | undefined;
  let held = false;
  let closed = false;

  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = undefined;
    held = false;
    void c.end().catch(() => {});
  };

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client(config);
    c.on('error', (error) => {
      onError(error);
      drop(c);
    });
    c.on('end', () => drop(c));
    await c.connect();
    client = c;
    return c;
  }

  return {
    async holds() {
      if (closed) return false;
      try {
        const c = client ?? (await connect());
        // Asked every time: a query on the lock's own session also proves the session is alive.
        const { rows } = held
          ? await c.query<{ ok: boolean }>('SELECT true AS ok')
          : await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [SINGLETON_LOCK_KEY]);
        held = rows[0]?.ok === true;
        return held;
      } catch (error) {
        onError(error);
        if (client) drop(client);
        return false;
      }
    },
    async close() {
      closed = true;
      const c = client;
      client = undefined;
      held = false;
      await c?.end().catch(() => {});
    },
  };
}
