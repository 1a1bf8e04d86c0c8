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
 * deadlines at once cannot leave a stale value behind.
 */
export async function refreshNextDeadline(sql: Sql, matterReference: string): Promise<void> {
  await sql.query(`SELECT 1 FROM matter WHERE reference = $1 FOR UPDATE`, [matterReference]);
  await sql.query(
    `UPDATE matter SET next_due_at = (SELECT min(due_at) FROM deadline WHERE matter_reference = $1 AND ${owedDeadline()})
     WHERE reference = $1`,
    [matterReference],
  );
}
