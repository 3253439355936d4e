import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, sqlitePath } from '../../store/database.ts';
import { readSeverityExamples } from '../../store/severity-example-store.ts';
import type { LabelledMessage } from './corpus.ts';

const MIGRATIONS_DIR = join(import.meta.dirname, '../../../prisma/migrations');

/**
 * The team's own labelled examples (responder reclassifications, customer confirmations) stored
 * in the database tplus runs on, in the order they were made. None when the database does not
 * exist yet: training must not create one.
 */
export async function readCorrections(databaseUrl: string): Promise<LabelledMessage[]> {
  if (!existsSync(sqlitePath(databaseUrl))) return [];
  const db = await openDatabase({ databaseUrl, migrationsDir: MIGRATIONS_DIR });
  try {
    const examples = await readSeverityExamples(db.prisma);
    return examples.map((e) => ({
      text: e.text,
      severity: e.severity,
      family: e.source,
      source: `correction:${e.source}`,
    }));
  } finally {
    await db.close();
  }
}
