import type { Prisma } from '../generated/prisma/client.ts';
import { toDbDate } from './db-date.ts';

/**
 * Hand-written statements for the per-ticket and per-step paths. Prisma 6.19 compiles every
 * query in WebAssembly on the event loop (no plan cache before 7.4): about 1 ms for a create,
 * against 0.2 ms for the same statement sent raw through the same client, which keeps the
 * transaction and the adapter (and converts DATETIME and BOOLEAN columns of what it reads).
 * Table and column names come from this code only; values are always bound.
 */
type Sql = Pick<Prisma.TransactionClient, '$executeRawUnsafe' | '$queryRawUnsafe'>;
type Row = Record<string, unknown>;

/** A value as the SQLite adapter stores it: dates as ISO text with `+00:00`, booleans as 0/1. */
export function toSqlValue(value: unknown): unknown {
  if (value instanceof Date) return toDbDate(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

function insertSql(table: string, rows: readonly Row[], tail: string): { sql: string; values: unknown[] } {
  // An undefined field is left to the column's default, as Prisma's create does; every row of one
  // statement must then leave out the same fields.
  const columns = Object.keys(rows[0]!).filter((c) => rows[0]![c] !== undefined);
  for (const row of rows) {
    const present = Object.keys(row).filter((c) => row[c] !== undefined);
    if (present.length !== columns.length || present.some((c) => !columns.includes(c)))
      throw new Error(`insert into ${table}: rows with different columns`);
  }
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  return {
    sql: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${rows.map(() => placeholders).join(', ')} ${tail}`,
    values: rows.flatMap((row) => columns.map((c) => toSqlValue(row[c]))),
  };
}

/** Inserts the rows in one statement; `tail` may add e.g. `ON CONFLICT(key) DO NOTHING`. */
export async function insertRows(tx: Sql, table: string, rows: readonly Row[], tail = ''): Promise<void> {
  if (rows.length === 0) return;
  const { sql, values } = insertSql(table, rows, tail);
  await tx.$executeRawUnsafe(sql, ...values);
}

/** Inserts one row and reads it back whole (defaults and id included), typed as Prisma reads it. */
export async function insertReturning<T>(tx: Sql, table: string, row: Row): Promise<T> {
  const { sql, values } = insertSql(table, [row], 'RETURNING *');
  const [created] = await tx.$queryRawUnsafe<T[]>(sql, ...values);
  return created!;
}

/** `UPDATE table SET … WHERE …` with bound values; resolves to the number of rows changed. */
export async function updateWhere(tx: Sql, table: string, set: Row, where: string, ...whereValues: unknown[]) {
  const columns = Object.keys(set).filter((c) => set[c] !== undefined);
  return tx.$executeRawUnsafe(
    `UPDATE ${table} SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE ${where}`,
    ...columns.map((c) => toSqlValue(set[c])),
    ...whereValues.map(toSqlValue),
  );
}
