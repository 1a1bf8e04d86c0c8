import { allocatedToSql } from './allocation';
import { owedDeadline } from './next-deadline';
import { Sql } from './sql';

/**
 * The SQL of *My work*: open matters by the deadline they owe soonest (matter.next_due_at, kept by
 * refreshNextDeadline whenever deadlines are written), walked in the order of matter_force_next_due_idx /
 * matter_next_due_idx, so a page reads about a page of rows however many matters are open. The keyset is
 * (next_due_at, reference); the deadline itself (its name and regulation) is looked up for the page's rows only.
 */

export interface WorkFilter {
  /** null: every force (oversight granted all). */
  forces: string[] | null;
  forceId?: string;
  kind?: string;
  stage?: string;
  appropriateAuthority?: string;
  /** Only matters whose next deadline falls before this instant. */
  dueBefore?: Date;
  /** Only matters with a deadline already passed. */
  overdue?: boolean;
  /** A matter's reference, or a subject's warrant number. */
  search?: string;
  /** Allocated to a person (as case officer of the matter or a subject, or its investigator), or with no case officer. */
  allocatedTo?: { userId: string } | { unallocated: true };
}

export interface WorkCursor {
  dueAt: string;
  reference: string;
}

export interface WorkItem {
  reference: string;
  kind: string;
  forceId: string;
  stage: string;
  appropriateAuthority: string | null;
  /** The matter's case officer; null while unallocated. */
  caseOfficer: string | null;
  receivedOn: string;
  deadline: { name: string; regulation: string; dueDate: string; dueAt: string; status: string; subjectId: string | null };
}

async function filterSql(sql: Sql, f: WorkFilter, params: unknown[]): Promise<string[] | null> {
  const where: string[] = [`m.next_due_at IS NOT NULL`, `m.stage <> 'closed'`];
  const add = (clause: string, v: unknown) => {
    params.push(v);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (f.search) {
    // Found first, by their own indexes (a reference, or a warrant number), then narrowed like any list.
    const found: { reference: string }[] = await sql.query(
      `SELECT reference FROM matter WHERE reference = $1 UNION SELECT matter_reference FROM subject WHERE warrant_number = $1`,
      [f.search],
    );
    if (!found.length) return null;
    add('m.reference = ANY(?)', found.map((r) => r.reference));
  }
  if (f.allocatedTo && 'userId' in f.allocatedTo) add(`m.reference IN ${allocatedToSql('?')}`, f.allocatedTo.userId);
  // Walked in the order of matter_force_unallocated_due_idx / matter_unallocated_due_idx.
  if (f.allocatedTo && 'unallocated' in f.allocatedTo) where.push('m.case_officer IS NULL');
  if (f.forces) add('m.force_id = ANY(?)', f.forces);
  if (f.forceId) add('m.force_id = ?', f.forceId);
  if (f.kind) add('m.kind = ?', f.kind);
  if (f.appropriateAuthority) add('m.appropriate_authority = ?', f.appropriateAuthority);
  if (f.stage) add('(m.stage = ? OR EXISTS (SELECT 1 FROM subject s WHERE s.matter_reference = m.reference AND s.stage = ?))', f.stage);
  if (f.dueBefore) add('m.next_due_at < ?', f.dueBefore);
  if (f.overdue) where.push(`m.next_due_at < now()`);
  return where;
}

export async function listWork(sql: Sql, f: WorkFilter, page: { limit: number; after?: WorkCursor }): Promise<{ items: WorkItem[]; more: boolean }> {
  const params: unknown[] = [];
  const where = await filterSql(sql, f, params);
  if (!where) return { items: [], more: false };
  if (page.after) {
    params.push(page.after.dueAt, page.after.reference);
    where.push(`(m.next_due_at, m.reference) > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  const rows: Record<string, unknown>[] = await sql.query(
    `SELECT m.reference, m.kind, m.force_id, m.stage, m.appropriate_authority, m.case_officer, m.received_on, m.next_due_at,
            d.name, d.regulation, d.due_date, d.due_at, d.status, d.subject_id
     FROM matter m
     JOIN LATERAL (SELECT d.name, d.regulation, d.due_date, d.due_at, d.status, d.subject_id FROM deadline d
                   WHERE d.matter_reference = m.reference AND ${owedDeadline('d')}
                   ORDER BY d.due_at, d.workflow_id, d.key LIMIT 1) d ON true
     WHERE ${where.join(' AND ')}
     ORDER BY m.next_due_at, m.reference
     LIMIT ${page.limit + 1}`,
    params,
  );
  return {
    more: rows.length > page.limit,
    items: rows.slice(0, page.limit).map((r) => ({
      reference: String(r.reference),
      kind: String(r.kind),
      forceId: String(r.force_id),
      stage: String(r.stage),
      appropriateAuthority: (r.appropriate_authority as string | null) ?? null,
      caseOfficer: (r.case_officer as string | null) ?? null,
      receivedOn: String(r.received_on),
      deadline: {
        name: String(r.name),
        regulation: String(r.regulation),
        dueDate: String(r.due_date),
        // The matter's key in the list (the same instant as the deadline's own).
        dueAt: new Date(r.next_due_at as string).toISOString(),
        status: String(r.status),
        subjectId: (r.subject_id as string | null) ?? null,
      },
    })),
  };
}

/** How many of the filter's matters are overdue, due before `soonBefore`, and later: the headings' counts. */
export async function countWork(sql: Sql, f: WorkFilter, soonBefore: Date): Promise<{ overdue: number; soon: number; later: number }> {
  const params: unknown[] = [];
  const where = await filterSql(sql, f, params);
  if (!where) return { overdue: 0, soon: 0, later: 0 };
  params.push(soonBefore);
  const soon = `$${params.length}`;
  const [row] = await sql.query(
    `SELECT count(*) FILTER (WHERE m.next_due_at < now())::int AS overdue,
            count(*) FILTER (WHERE m.next_due_at >= now() AND m.next_due_at < ${soon})::int AS soon,
            count(*) FILTER (WHERE m.next_due_at >= ${soon})::int AS later
     FROM matter m WHERE ${where.join(' AND ')}`,
    params,
  );
  return { overdue: row.overdue, soon: row.soon, later: row.later };
}

export function encodeWorkCursor(c: WorkCursor): string {
  return Buffer.from(JSON.stringify([c.dueAt, c.reference])).toString('base64url');
}

/** The cursor back, or null when it is not one My work gave out. */
export function decodeWorkCursor(cursor: string): WorkCursor | null {
  try {
    const [dueAt, reference] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)) && typeof reference === 'string' && reference.length > 0) return { dueAt, reference };
  } catch {
    /* not a cursor */
  }
  return null;
}
