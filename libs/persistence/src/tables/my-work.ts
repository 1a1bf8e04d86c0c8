import { Sql } from './sql';

/**
 * The SQL of *My work*: open matters by the deadline they owe soonest (a deadline still open, or missed and not yet
 * done). It walks deadline_owed_idx in due order and keeps each matter's first owed deadline only, so a page reads
 * about a page of rows however many matters are open; the keyset is (due_at, matter reference).
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
  receivedOn: string;
  deadline: { name: string; regulation: string; dueDate: string; dueAt: string; status: string; subjectId: string | null };
}

const OWED = `d.settled_at IS NULL AND d.status IN ('open', 'missed')`;

function filterSql(f: WorkFilter, params: unknown[]): string[] {
  const where: string[] = [`m.stage <> 'closed'`];
  const add = (clause: string, v: unknown) => {
    params.push(v);
    where.push(clause.replaceAll('?', `$${params.length}`));
  };
  if (f.forces) add('m.force_id = ANY(?)', f.forces);
  if (f.forceId) add('m.force_id = ?', f.forceId);
  if (f.kind) add('m.kind = ?', f.kind);
  if (f.appropriateAuthority) add('m.appropriate_authority = ?', f.appropriateAuthority);
  if (f.stage) add('(m.stage = ? OR EXISTS (SELECT 1 FROM subject s WHERE s.matter_reference = m.reference AND s.stage = ?))', f.stage);
  if (f.search) add('(m.reference = ? OR EXISTS (SELECT 1 FROM subject s WHERE s.matter_reference = m.reference AND s.warrant_number = ?))', f.search);
  return where;
}

export async function listWork(sql: Sql, f: WorkFilter, page: { limit: number; after?: WorkCursor }): Promise<{ items: WorkItem[]; more: boolean }> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  where.push(OWED);
  // Each matter once: at its soonest owed deadline (ties broken by workflow and key).
  where.push(`NOT EXISTS (SELECT 1 FROM deadline e WHERE e.matter_reference = d.matter_reference AND e.settled_at IS NULL AND e.status IN ('open', 'missed')
      AND (e.due_at, e.workflow_id, e.key) < (d.due_at, d.workflow_id, d.key))`);
  if (f.dueBefore) {
    params.push(f.dueBefore);
    where.push(`d.due_at < $${params.length}`);
  }
  if (f.overdue) where.push(`(d.status = 'missed' OR d.due_at < now())`);
  if (page.after) {
    params.push(page.after.dueAt, page.after.reference);
    where.push(`(d.due_at, d.matter_reference) > ($${params.length - 1}::timestamptz, $${params.length})`);
  }
  const rows: Record<string, unknown>[] = await sql.query(
    `SELECT m.reference, m.kind, m.force_id, m.stage, m.appropriate_authority, m.received_on,
            d.name, d.regulation, d.due_date, d.due_at, d.status, d.subject_id
     FROM deadline d JOIN matter m ON m.reference = d.matter_reference
     WHERE ${where.join(' AND ')}
     ORDER BY d.due_at, d.matter_reference
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
      receivedOn: String(r.received_on),
      deadline: {
        name: String(r.name),
        regulation: String(r.regulation),
        dueDate: String(r.due_date),
        dueAt: new Date(r.due_at as string).toISOString(),
        status: String(r.status),
        subjectId: (r.subject_id as string | null) ?? null,
      },
    })),
  };
}

/** How many of the filter's matters are overdue, due before `soonBefore`, and later: the headings' counts. */
export async function countWork(sql: Sql, f: WorkFilter, soonBefore: Date): Promise<{ overdue: number; soon: number; later: number }> {
  const params: unknown[] = [];
  const where = filterSql(f, params);
  params.push(soonBefore);
  const soon = `$${params.length}`;
  const [row] = await sql.query(
    `SELECT count(*) FILTER (WHERE n.overdue)::int AS overdue,
            count(*) FILTER (WHERE NOT n.overdue AND n.due_at < ${soon})::int AS soon,
            count(*) FILTER (WHERE NOT n.overdue AND n.due_at >= ${soon})::int AS later
     FROM matter m
     JOIN LATERAL (SELECT d.due_at, (d.status = 'missed' OR d.due_at < now()) AS overdue FROM deadline d
                   WHERE d.matter_reference = m.reference AND ${OWED} ORDER BY d.due_at LIMIT 1) n ON true
     WHERE ${where.join(' AND ')}`,
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
