import { Sql } from './sql';

/** What a deadline still owed is: open, or missed and not yet done late (of the table, or of its alias). */
export function owedDeadline(alias?: string): string {
  const c = alias ? `${alias}.` : '';
  return `${c}settled_at IS NULL AND ${c}status IN ('open', 'missed')`;
}

/**
 * Keeps matter.next_due_at, the soonest deadline the matter (or any of its subjects) still owes, which My work lists
 * by. The matter's row is locked first, and the soonest is read in the next statement: in READ COMMITTED that
 * statement sees whatever another track's transaction committed while this one waited, so two tracks writing their
 * deadlines at once cannot leave a stale value behind. The lock is FOR NO KEY UPDATE (what the UPDATE takes anyway):
 * a subject's row written in the same transactions holds a key-share lock on the matter's row, which FOR UPDATE
 * would wait for, so two tracks of one matter deadlocked there.
 */
export async function refreshNextDeadline(sql: Sql, matterReference: string): Promise<void> {
  await sql.query(`SELECT 1 FROM matter WHERE reference = $1 FOR NO KEY UPDATE`, [matterReference]);
  await sql.query(
    `UPDATE matter SET next_due_at = (SELECT min(due_at) FROM deadline WHERE matter_reference = $1 AND ${owedDeadline()})
     WHERE reference = $1`,
    [matterReference],
  );
}
