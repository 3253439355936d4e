// How tplus runs in production, in one place: `tplus start` (and `npm start`), the real-process
// tests and the benchmarks all start the bot with this command, so what is measured is what ships.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * V8 and Node settings of the bot process. None of them caps the heap: a cap would turn a burst of
 * incidents into an out-of-memory crash of the paging bot. They make the collector give memory back
 * sooner and keep threads and compiled code that a 2-core host does not need. What each one saves,
 * measured by leaving it out of `npm run bench:engine` (10,000 open incidents, the peak is the drain
 * of 1,000 overdue steps after a restart; 182 MB with all of them):
 * - `--heap-growing-percent=50`: a major collection once the old generation has grown 50 % over
 *   the live heap; V8 otherwise lets it grow up to four times (303 MB without it);
 * - `--max-semi-space-size=4`: 4 MB young-generation semi-spaces instead of 16 MB (206 MB without);
 * - `--v8-pool-size=1`: one V8 background worker instead of four (197 MB without);
 * - `--liftoff-only`: Prisma's WebAssembly query compiler stays at V8's baseline tier; optimising
 *   it held ~20 MB of compiled code and compiler memory, and the drain got faster, not slower.
 */
export const NODE_FLAGS = [
  '--heap-growing-percent=50',
  '--max-semi-space-size=4',
  '--v8-pool-size=1',
  '--liftoff-only',
];

/**
 * glibc settings:
 * - `MALLOC_ARENA_MAX=2`: glibc keeps a malloc arena per thread that ever allocated; two do for
 *   one event loop (bench:engine peak 194 MB without);
 * - `MALLOC_MMAP_THRESHOLD_=131072`: blocks of 128 KB and more are always mapped on their own and
 *   unmapped when freed. By default glibc raises that threshold each time such a block is freed,
 *   so later large blocks (SQLite's and the native modules' buffers) come from the heap and leave
 *   it fragmented. Over the 10-minute soak at 2,000 tickets/min RSS grew 12.2, 12.3 and 11.7 %
 *   (minute 2 to minute 10) without it, 6.9 and 11.0 % with it: a small gain. Most of that growth
 *   was SQLite's page caches filling, now bounded (`PAGE_CACHE_KIB` in src/store/sqlite-database.ts).
 */
export const RUNTIME_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };

/** The built bundle of src/main.ts (see bin/build.mjs). */
export const mainBundle = join(projectRoot, 'dist/main.js');

/**
 * The command line and environment additions that start the bot from the built bundle;
 * `extraFlags` come after ours (V8 takes the last value), for a benchmark trying other settings.
 * @param {{ extraFlags?: string[] }} [options]
 */
export function botCommand({ extraFlags = [] } = {}) {
  // An operator's (or a benchmark's) own value of one of these variables wins over ours.
  const env = Object.fromEntries(
    Object.entries(RUNTIME_ENV).map(([name, value]) => [name, process.env[name] ?? value]),
  );
  return { command: process.execPath, args: [...NODE_FLAGS, ...extraFlags, mainBundle], env };
}
