import { Sql } from './sql';
import type { DayCursor } from './cursors';

/**
 * The SQL of allocation (issue 15): the staff the engine has seen signed in, the case officer of each matter and
 * subject (columns of their projection rows), the audit line of each change, and the unallocated list.
 */

/** Someone signed in to a force, seen now (their role as they last signed in). */
export async function recordStaffSeen(sql: Sql, s: { userId: string; forceId: string; role: string }): Promise<void> {
  await sql.query(
    `INSERT INTO staff_member (user_id, force_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (user_id, force_id) DO UPDATE SET role = EXCLUDED.role, last_seen_at = now()`,
    [s.userId, s.forceId, s.role],
  );
}

/** The forces each of these users has signed in to; a user never seen is absent. */
export async function findStaffForces(sql: Sql, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (!userIds.length) return found;
  const rows: { user_id: string; force_id: string }[] = await sql.query(`SELECT user_id, force_id FROM staff_member WHERE user_id = ANY($1) ORDER BY user_id, force_id`, [[...new Set(userIds)]]);
  for (const r of rows) found.set(r.user_id, [...(found.get(r.user_id) ?? []), r.force_id]);
  return found;
}

export interface AllocationTarget {
  reference: string;
  forceId: string;
  stage: string;
  caseOfficer: string | null;
  investigatorId: string | null;
  subjects: { subjectId: string; rank: string | null; caseOfficer: string | null }[];
}

/** The matters named, with their subjects, locked (with `lock`) for the allocation's transaction: two allocations queue, not interleave. */
export async function findAllocationTargets(sql: Sql, references: readonly string[], lock: boolean): Promise<Map<string, AllocationTarget>> {
  const refs = [...new Set(references)].sort();
  // Subjects before matters, in a fixed order: the order the worker's subject projection locks them (lockSubjectStage,
  // then refreshNextDeadline), so an allocation and a projection wait for each other but never deadlock.
  const subjects: Record<string, unknown>[] = await sql.query(
    `SELECT matter_reference, subject_id, rank, case_officer FROM subject WHERE matter_reference = ANY($1) ORDER BY matter_reference, subject_id${lock ? ' FOR UPDATE' : ''}`,
    [refs],
  );
  const matters: Record<string, unknown>[] = await sql.query(
    `SELECT reference, force_id, stage, case_officer, investigator_id FROM matter WHERE reference = ANY($1) ORDER BY reference${lock ? ' FOR UPDATE' : ''}`,
    [refs],
  );
  const found = new Map<string, AllocationTarget>();
  for (const m of matters) {
    found.set(String(m.reference), {
      reference: String(m.reference), forceId: String(m.force_id), stage: String(m.stage),
      caseOfficer: (m.case_officer as string | null) ?? null, investigatorId: (m.investigator_id as string | null) ?? null, subjects: [],
    });
  }
  for (const s of subjects) {
    found.get(String(s.matter_reference))?.subjects.push({ subjectId: String(s.subject_id), rank: (s.rank as string | null) ?? null, caseOfficer: (s.case_officer as string | null) ?? null });
  }
  return found;
}

/** A matter's case officer (subjectId null) or a subject's, with its audit line, in the caller's transaction. */
export async function writeCaseOfficer(
  sql: Sql,
  a: { idempotencyKey: string; reference: string; subjectId: string | null; from: string | null; to: string | null; actor: string; actorRole: string; details: Record<string, unknown> },
): Promise<void> {
  if (a.subjectId === null) await sql.query(`UPDATE matter SET case_officer = $2 WHERE reference = $1`, [a.reference, a.to]);
  else await sql.query(`UPDATE subject SET case_officer = $3 WHERE matter_reference = $1 AND subject_id = $2`, [a.reference, a.subjectId, a.to]);
  await sql.query(
    `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
     VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, now(), $7)`,
    [a.idempotencyKey, a.reference, a.subjectId, a.actor, a.actorRole, a.from === null ? 'allocation:case-officer' : 'reallocation:case-officer', JSON.stringify({ ...a.details, from: a.from, to: a.to })],
  );
}

/** The matters a person works: as the matter's case officer, a subject's, or the appointed investigator (each by its own index). */
export function allocatedToSql(param: string): string {
  return `(SELECT reference FROM matter WHERE case_officer = ${param}
           UNION SELECT reference FROM matter WHERE investigator_id = ${param}
           UNION SELECT matter_reference FROM subject WHERE case_officer = ${param})`;
}

export type UnallocatedCursor = DayCursor;

export interface UnallocatedItem {
  reference: string;
  kind: string;
  forceId: string;
  stage: string;
  queue: string;
  receivedOn: string;
  investigatorId: string | null;
}

/** Open matters with no case officer, oldest received first (matter_received_idx, walked backwards), a page at a time by keyset. */
export async function listUnallocated(
  sql: Sql,
  f: { forces: string[] | null; forceId?: string; queue?: string },
  page: { limit: number; after?: UnallocatedCursor },
): Promise<{ items: UnallocatedItem[]; more: boolean }> {
  const params: unknown[] = [];
  const where = [`m.case_officer IS NULL`, `m.stage <> 'closed'`];
  const add = (clause: string, v: unknown) => {
    params.push(v);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (f.forces) add('m.force_id = ANY(?)', f.forces);
  if (f.forceId) add('m.force_id = ?', f.forceId);
  if (f.queue) add('m.allocation_queue = ?', f.queue);
  if (page.after) {
    params.push(page.after.receivedOn, page.after.reference);
    where.push(`(m.received_on, m.reference) > ($${params.length - 1}::date, $${params.length})`);
  }
  const rows: Record<string, unknown>[] = await sql.query(
    `SELECT m.reference, m.kind, m.force_id, m.stage, m.allocation_queue, m.received_on, m.investigator_id FROM matter m
     WHERE ${where.join(' AND ')} ORDER BY m.received_on, m.reference LIMIT ${page.limit + 1}`,
    params,
  );
  return {
    more: rows.length > page.limit,
    items: rows.slice(0, page.limit).map((r) => ({
      reference: String(r.reference), kind: String(r.kind), forceId: String(r.force_id), stage: String(r.stage), queue: String(r.allocation_queue),
      receivedOn: String(r.received_on), investigatorId: (r.investigator_id as string | null) ?? null,
    })),
  };
}

