import { expect, it } from 'vitest';
import { claimPendingSql } from '../../../src/store/inbox-store.ts';
import { claimDueSql } from '../../../src/store/outbox-store.ts';
import { claimStepsSql } from '../../../src/store/step-batch.ts';
import { tempDatabase } from '../../support/temp-database.ts';

const t = tempDatabase('hot-plans');

/** SQLite's plan for a statement, one line per step ("SEARCH … USING …", "USE TEMP B-TREE …"). */
async function planOf(sql: string): Promise<string[]> {
  // The planner does not look at the values (no statistics): every placeholder gets a 1.
  const values = (sql.match(/\?/g) ?? []).map(() => 1);
  const rows = await t.db.read<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, ...values);
  return rows.map((row) => row.detail);
}

// The claims run for every step, delivery and event. A plan that walks every pending row, or sorts
// them, costs nothing on an empty table and milliseconds a claim under a backlog (bench:engine).
it('claims runbook steps by primary key, not by walking the pending index', async () => {
  const plan = await planOf(claimStepsSql(20));
  expect(plan).toEqual([expect.stringContaining('USING INTEGER PRIMARY KEY')]);
});

it('leases due outbox rows in index order, without sorting them', async () => {
  for (const skipKinds of [0, 2]) {
    const plan = await planOf(claimDueSql(skipKinds, ''));
    expect(plan).toContainEqual(expect.stringContaining('USING INDEX OutboxMessage_state_nextAttemptAt_idx'));
    expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
  }
});

it('leases pending inbox events in index order, without sorting them', async () => {
  const plan = await planOf(claimPendingSql(''));
  expect(plan).toContainEqual(expect.stringMatching(/USING (COVERING )?INDEX InboxEvent_state_id_idx/));
  expect(plan.filter((line) => line.includes('TEMP B-TREE'))).toEqual([]);
});
