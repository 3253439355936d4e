import type { Prisma } from '../generated/prisma/client.ts';
import { toDbDate } from './db-date.ts';

/**
 * Hand-written statements for the per-ticket and per-step paths. Prisma 6.19 compiles every
 * query in WebAssembly on the event loop (no plan cache before 7.4): about 1 ms for a create,
 * against 0.2 ms for the same statement sent raw through the same client, which keeps the
 * transaction and the adapter (and converts DATETIME and BOOLEAN columns of what it reads).
 * Table and column names come from this code only; values are always bound.
 *
 * One text serves both databases: identifiers are double-quoted (both read "Incident" as the
 * table Prisma created) and values are `?` placeholders, numbered `$1, $2 …` for PostgreSQL.
 */
type Sql = Pick<Prisma.TransactionClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;
type Row = Record<string, unknown>;
export type Dialect = 'sqlite' | 'postgresql';

/** Which database a client (or a transaction's client) talks to, from its generated provider. */
export function dialectOf(client: Sql): Dialect {
  return (client as { _activeProvider?: string })._activeProvider === 'postgresql' ? 'postgresql' : 'sqlite';
}

/** A value as the database takes it: dates as ISO text with `+00:00`, booleans as 0/1 in SQLite. */
export function toSqlValue(value: unknown, dialect: Dialect = 'sqlite'): unknown {
  if (value instanceof Date) return toDbDate(value);
  if (typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  return value ?? null;
}

const numbered = new Map<string, string>();
/** `?` → `$n` outside quoted text, once per distinct statement. */
export function numberPlaceholders(sql: string): string {
  let out = numbered.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/'(?:[^']|'')*'|"[^"]*"|\?/g, (match) => (match === '?' ? `$${(n += 1)}` : match));
    if (numbered.size > 1000) numbered.clear();
    numbered.set(sql, out);
  }
  return out;
}

function prepare(client: Sql, sql: string, values: readonly unknown[]): [string, unknown[]] {
  const dialect = dialectOf(client);
  return [dialect === 'postgresql' ? numberPlaceholders(sql) : sql, values.map((value) => toSqlValue(value, dialect))];
}

/** Runs a statement; resolves to the number of rows it changed. */
export function execute(client: Sql, sql: string, ...values: unknown[]): Promise<number> {
  const [text, bound] = prepare(client, sql, values);
  return client.$executeRawUnsafe(text, ...bound);
}

/** Runs a query; rows come back typed as Prisma reads them (dates as Date, booleans as boolean). */
export function query<T>(client: Sql, sql: string, ...values: unknown[]): Promise<T[]> {
  const [text, bound] = prepare(client, sql, values);
  return client.$queryRawUnsafe<T[]>(text, ...bound);
}

/**
 * Appended to a `SELECT … LIMIT n` that picks rows to claim: in PostgreSQL two replicas running
 * it at once each get other rows instead of waiting for (and then re-taking) the same ones.
 * SQLite has one writer at a time, so the statement alone is enough there.
 */
export const skipLocked = (client: Sql): string => (dialectOf(client) === 'postgresql' ? 'FOR UPDATE SKIP LOCKED' : '');

/** A unique key taken: Prisma's P2002, or (through raw SQL) SQLite's or PostgreSQL's own code. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { kind?: string } } } };
  return (
    e?.code === 'P2002' ||
    e?.meta?.code === '23505' ||
    e?.meta?.code === '2067' ||
    e?.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation'
  );
}

const quote = (name: string) => `"${name}"`;

/** `?, ?, ?`: one placeholder per value of an `IN (…)` list or a row. */
export const placeholders = (count: number): string => Array.from({ length: count }, () => '?').join(', ');

function insertSql(table: string, rows: readonly Row[], tail: string): { sql: string; values: unknown[] } {
  // An undefined field is left to the column's default, as Prisma's create does; every row of one
  // statement must then leave out the same fields.
  const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
  for (const row of rows) {
    const present = Object.keys(row).filter((c) => row[c] !== undefined);
    if (present.length !== columns.length || present.some((c) => !columns.includes(c)))
      throw new Error(`insert into ${table}: rows with different columns`);
  }
  const tuple = `(${placeholders(columns.length)})`;
  return {
    sql: `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} ${tail}`,
    values: rows.flatMap((row) => columns.map((c) => row[c])),
  };
}

/** Inserts the rows in one statement; `tail` may add e.g. `ON CONFLICT("key") DO NOTHING`. */
export async function insertRows(tx: Sql, table: string, rows: readonly Row[], tail = ''): Promise<void> {
  if (rows.length === 0) return;
  const { sql, values } = insertSql(table, rows, tail);
  await execute(tx, sql, ...values);
}

/** Inserts one row and reads it back whole (defaults and id included), typed as Prisma reads it. */
export async function insertReturning<T>(tx: Sql, table: string, row: Row): Promise<T> {
  const { sql, values } = insertSql(table, [row], 'RETURNING *');
  const [created] = await query<T>(tx, sql, ...values);
  return created!;
}

/** `UPDATE "table" SET … WHERE …` with bound values; resolves to the number of rows changed. */
export async function updateWhere(tx: Sql, table: string, set: Row, where: string, ...whereValues: unknown[]) {
  const columns = Object.keys(set).filter((c) => set[c] !== undefined);
  return execute(
    tx,
    `UPDATE ${quote(table)} SET ${columns.map((c) => `${quote(c)} = ?`).join(', ')} WHERE ${where}`,
    ...columns.map((c) => set[c]),
    ...whereValues,
  );
}
