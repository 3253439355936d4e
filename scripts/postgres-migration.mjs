#!/usr/bin/env node
// `npm run migration:postgres -- <name> [--from <git revision>]`: writes the PostgreSQL migration
// for a change to prisma/schema.prisma, prisma/postgresql/migrations/<UTC timestamp>_<name>/
// migration.sql. It regenerates prisma/postgresql/schema.prisma, then asks Prisma for the SQL
// from that file as committed at HEAD (or --from) to the regenerated one. `migrate dev` cannot do
// it: it needs a live PostgreSQL through an engine that fails offline (shared/notes/prisma-offline.md).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import console from 'node:console';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const schemaPath = 'prisma/postgresql/schema.prisma';
const migrationsDir = 'prisma/postgresql/migrations';
const usage = 'usage: npm run migration:postgres -- <name in lower_snake_case> [--from <git revision>]';

function fail(message) {
  console.error(message);
  process.exit(1);
}

let name;
let fromRevision = 'HEAD';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--from') fromRevision = args[++i];
  else if (name === undefined) name = args[i];
  else fail(usage);
}
if (!name || !/^[a-z0-9_]+$/.test(name) || !fromRevision) fail(usage);

execFileSync(process.execPath, [join(root, 'scripts/postgres-schema.mjs')], { stdio: 'inherit' });

/** Now as YYYYMMDDHHMMSS (UTC), or one second after the last migration when that sorts later. */
function nextStamp() {
  const format = (date) => date.toISOString().replace(/\D/g, '').slice(0, 14);
  const last = readdirSync(join(root, migrationsDir))
    .filter((entry) => /^\d{14}_/.test(entry))
    .sort()
    .at(-1);
  if (!last) return format(new Date());
  const [, y, mo, d, h, mi, s] = last.match(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)/);
  const afterLast = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s + 1));
  return format(new Date(Math.max(Date.now(), afterLast.getTime())));
}

let committed;
try {
  committed = execFileSync('git', ['show', `${fromRevision}:${schemaPath}`], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
} catch {
  fail(`${schemaPath} is not in ${fromRevision}: the first migration is written with --from-empty`);
}

// The CLI's PostgreSQL adapter connects before it diffs (it changes nothing there): use the
// server in DATABASE_URL_POSTGRES, or start a throwaway one like the tests do.
const server = process.env.DATABASE_URL_POSTGRES
  ? undefined
  : await (await tsImport('../test/support/postgres-server.ts', import.meta.url)).startPostgres();
const scratch = mkdtempSync(join(tmpdir(), 'tplus-pg-migration-'));
let sql;
try {
  const before = join(scratch, 'schema.prisma');
  writeFileSync(before, committed);
  const prisma = join(root, 'node_modules/.bin/prisma');
  const diff = ['--from-schema-datamodel', before, '--to-schema-datamodel', schemaPath, '--script'];
  sql = execFileSync(prisma, ['migrate', 'diff', '--config', 'prisma.pg.config.ts', ...diff], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: server ? { ...process.env, DATABASE_URL_POSTGRES: server.url } : process.env,
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
  await server?.stop();
}
if (/^-- This is an empty migration\.\s*$/.test(sql)) {
  fail(
    `${schemaPath} at ${fromRevision} already matches prisma/schema.prisma: nothing to write. ` +
      'If the schema change is already committed, pass --from <the commit before it>.',
  );
}
const folder = `prisma/postgresql/migrations/${nextStamp()}_${name}`;
mkdirSync(join(root, folder));
writeFileSync(join(root, folder, 'migration.sql'), sql);
console.log(`wrote ${folder}/migration.sql`);
