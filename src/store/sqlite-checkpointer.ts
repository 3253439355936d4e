import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * How often the worker copies the write-ahead log into the database file. Between two passes
 * the log holds what the intake and the engine committed in that time (a few hundred KB at
 * thousands of acks a second).
 */
const CHECKPOINT_EVERY_MS = 100;
/**
 * The main thread's own checkpoint, as a backstop: SQLite runs it inside the commit that finds
 * the log this many pages long (40 MB). A passive checkpoint running beside writers never lets
 * the log start over while they keep appending, so under a long flood the log would otherwise
 * grow without end; this commit finds nearly everything already copied and finishes quickly.
 */
export const BACKSTOP_CHECKPOINT_PAGES = 10_000;

// CommonJS so it runs as an eval'd worker from the sources (tsx) and from the bundle alike.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const report = (error) => parentPort.postMessage({ error: String((error && error.message) || error) });
let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
  db.pragma('cache_size = -256');
} catch (error) {
  report(error);
}
const pass = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    report(error);
  }
};
const timer = db && setInterval(pass, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  if (db) {
    clearInterval(timer);
    pass();
    db.close();
  }
  parentPort.close();
});
`;

export interface Checkpointer {
  close(): Promise<void>;
}

/**
 * Checkpoints a WAL-mode SQLite file on a worker thread. SQLite's automatic checkpoint runs
 * inside a commit: every thousand pages, one commit on the event loop copied the log into the
 * database and synced it, and the acks waiting behind it waited too (about half of an inbox
 * insert's cost at a few thousand acks a second). The worker's connection only reads the log and
 * writes the database file; a passive checkpoint never blocks a writer or a reader. The
 * connections that write must set `wal_autocheckpoint` to {@link BACKSTOP_CHECKPOINT_PAGES}.
 */
export function startCheckpointer(path: string, onError: (message: string) => void): Checkpointer {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // It holds a timer and a connection: small heaps keep its isolate to a few MB of the process.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
    workerData: {
      path,
      everyMs: CHECKPOINT_EVERY_MS,
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  });
  // A checkpoint that fails is retried on the next pass and the backstop still holds: never fatal.
  worker.on('message', (message: { error?: string }) => message.error && onError(message.error));
  worker.on('error', (error) => onError(error.message));
  // A worker that died (it could not open the file, say) leaves the backstop to checkpoint, and
  // must not hold up the shutdown that waits for it.
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.unref();
  return {
    async close() {
      worker.postMessage('close');
      await exited;
    },
  };
}
