import { allocatedToSql } from './allocation';
import { refreshNextDeadline } from './next-deadline';
import { Sql } from './sql';
import type { DayCursor } from './cursors';

/**
 * The SQL of `matter`: the projection of each matter's workflow (what people search and report on; written only
 * by the worker's activities, Temporal being the source of truth), and the matters list (keyset paging).
 */

export interface MatterRow {
  reference: string;
  workflowId: string;
  kind: string;
  regime: string;
  /** The rule set and why, as decided at referral; null before rule sets were recorded. */
  ruleSet?: unknown;
  /** The investigator appointed (CR reg 15) and their independence; null until one is recorded. */
  investigator?: unknown;
  forceId: string;
  stage: string;
  appropriateAuthority: string;
  iopcReferralRequired: boolean;
  modeOfInvestigation: string | null;
  receivedOn: string;
  /** A complaint: the day it was made, where the referral gave it (CMR reg 13). */
  complaintMadeOn?: string | null;
  /** The day the first timeliness period starts with (CR reg 19 / CMR reg 13); absent: receivedOn. */
  timelinessStartsOn?: string;
  /** Each timeliness report answered: withheld for prejudice, or sent with the officers' copies. */
  timelinessReports?: unknown[];
  revision: number;
  /** The queue its unallocated work waits in (allocationQueueOf, libs/domain): once a specialist queue, always. */
  allocationQueue?: string;
}

/**
 * Writes the matter's row. The revision guard: only the same or a later revision of the workflow's state
 * overwrites it. Returns whether it was written (false: a later revision is already there).
 */
export async function upsertMatter(sql: Sql, m: MatterRow): Promise<boolean> {
  const applied = await sql.query(
    `INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority,
                         iopc_referral_required, mode_of_investigation, received_on, revision, rule_set, investigator, allocation_queue,
                         complaint_made_on, timeliness_starts_on, timeliness_reports)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)
     ON CONFLICT (reference) DO UPDATE SET
       stage = EXCLUDED.stage, mode_of_investigation = EXCLUDED.mode_of_investigation, investigator = EXCLUDED.investigator,
       timeliness_reports = EXCLUDED.timeliness_reports, revision = EXCLUDED.revision, updated_at = now(),
       -- Routed to a specialist queue by an allegation added later; never back to the general queue.
       allocation_queue = CASE WHEN matter.allocation_queue = 'general' THEN EXCLUDED.allocation_queue ELSE matter.allocation_queue END
     WHERE matter.revision <= EXCLUDED.revision
     RETURNING reference`,
    [
      m.reference, m.workflowId, m.kind, m.regime, m.forceId, m.stage, m.appropriateAuthority, m.iopcReferralRequired, m.modeOfInvestigation, m.receivedOn, m.revision,
      m.ruleSet ? JSON.stringify(m.ruleSet) : null, m.investigator ? JSON.stringify(m.investigator) : null, m.allocationQueue ?? 'general',
      m.complaintMadeOn ?? null, m.timelinessStartsOn ?? m.receivedOn, m.timelinessReports?.length ? JSON.stringify(m.timelinessReports) : null,
    ],
  );
  // A subject's deadlines may have been written before the matter's first row.
  if (applied.length > 0) await refreshNextDeadline(sql, m.reference);
  return applied.length > 0;
}

/** The whole row, as stored (snake_case columns), or undefined. */
export async function findMatter(sql: Sql, reference: string): Promise<Record<string, unknown> | undefined> {
  const [matter] = await sql.query(`SELECT * FROM matter WHERE reference = $1`, [reference]);
  return matter;
}

/** Which of these references are already matters (an import's check before it starts any). */
export async function findExistingMatters(sql: Sql, references: string[]): Promise<string[]> {
  if (!references.length) return [];
  const rows = await sql.query(`SELECT reference FROM matter WHERE reference = ANY($1::text[])`, [references]);
  return rows.map((r: { reference: string }) => r.reference);
}

/** The matter's force, or undefined when there is no such matter. */
export async function findMatterForce(sql: Sql, reference: string): Promise<string | undefined> {
  const rows = await sql.query(`SELECT force_id FROM matter WHERE reference = $1`, [reference]);
  return rows.length ? rows[0].force_id : undefined;
}

/** How many matters are not closed. */
export async function countOpenMatters(sql: Sql): Promise<number> {
  const [{ n }] = await sql.query(`SELECT count(*)::int AS n FROM matter WHERE stage <> 'closed'`);
  return n;
}

/** The matters list's search. Every field narrows it; `forces` null means every force. */
export interface MatterFilter {
  forces: string[] | null;
  forceId?: string;
  kind?: string;
  appropriateAuthority?: string;
  /** The matter's own stage or any of its subjects'. */
  stage?: string;
  warrantNumber?: string;
  dueWithinDays?: number;
  overdue?: boolean;
  /** Allocated to a person (as case officer of the matter or a subject, or its investigator), or with no case officer. */
  allocatedTo?: { userId: string } | { unallocated: true };
}

export type MatterCursor = DayCursor;

export interface MatterListItem {
  reference: unknown;
  kind: unknown;
  forceId: unknown;
  stage: unknown;
  receivedOn: unknown;
}

function filterSql(f: MatterFilter): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.forces) add('m.force_id = ANY(?)', f.forces);
  if (f.forceId) add('m.force_id = ?', f.forceId);
  if (f.kind) add('m.kind = ?', f.kind);
  if (f.appropriateAuthority) add('m.appropriate_authority = ?', f.appropriateAuthority);
  if (f.allocatedTo && 'userId' in f.allocatedTo) {
    params.push(f.allocatedTo.userId);
    where.push(`m.reference IN ${allocatedToSql(`$${params.length}`)}`);
  }
  if (f.allocatedTo && 'unallocated' in f.allocatedTo) where.push('m.case_officer IS NULL');
  if (f.stage) {
    params.push(f.stage);
    const n = params.length;
    where.push(`(m.stage = $${n} OR EXISTS (SELECT 1 FROM subject s WHERE s.matter_reference = m.reference AND s.stage = $${n}))`);
  }
  if (f.warrantNumber) add('EXISTS (SELECT 1 FROM subject s WHERE s.matter_reference = m.reference AND s.warrant_number = ?)', f.warrantNumber);
  if (f.dueWithinDays !== undefined) add(`EXISTS (SELECT 1 FROM deadline d WHERE d.matter_reference = m.reference AND d.status = 'open' AND d.due_at <= now() + make_interval(days => ?))`, f.dueWithinDays);
  if (f.overdue) where.push(`EXISTS (SELECT 1 FROM deadline d WHERE d.matter_reference = m.reference AND ((d.status = 'missed' AND d.settled_at IS NULL) OR (d.status = 'open' AND d.due_at < now())))`);
  return { where, params };
}

/**
 * One page of the matters list, newest first (then by reference, descending, so a cursor is one row
 * comparison), in the order of matter_force_received_idx / matter_received_idx: a page reads only itself,
 * and one row more tells whether there is a next one. `after` (keyset) or `offset`, not both.
 */
export async function listMatters(sql: Sql, f: MatterFilter, page: { limit: number; offset: number; after?: MatterCursor }): Promise<{ items: MatterListItem[]; more: boolean }> {
  const { where, params } = filterSql(f);
  if (page.after) {
    params.push(page.after.receivedOn, page.after.reference);
    where.push(`(m.received_on, m.reference) < ($${params.length - 1}::date, $${params.length})`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows: Record<string, unknown>[] = await sql.query(
    `SELECT m.reference, m.kind, m.force_id, m.stage, m.received_on
     FROM matter m ${filter} ORDER BY m.received_on DESC, m.reference DESC LIMIT ${page.limit + 1} OFFSET ${page.offset}`,
    params,
  );
  return {
    more: rows.length > page.limit,
    items: rows.slice(0, page.limit).map((r) => ({ reference: r.reference, kind: r.kind, forceId: r.force_id, stage: r.stage, receivedOn: r.received_on })),
  };
}

/** The exact number of matters the filter finds (a second query: only when asked for). */
export async function countMatters(sql: Sql, f: MatterFilter): Promise<number> {
  const { where, params } = filterSql(f);
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  return Number((await sql.query(`SELECT count(*) AS n FROM matter m ${filter}`, params))[0].n);
}

