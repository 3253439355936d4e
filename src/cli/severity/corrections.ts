import type { LabelledMessage } from './corpus.ts';

/**
 * The team's own labelled examples (responder reclassifications, customer confirmations) stored
 * in the database tplus runs on. None when the database does not exist yet.
 */
export async function readCorrections(_databaseUrl: string): Promise<LabelledMessage[]> {
  return [];
}
