import { Sql } from './sql';

/** The SQL of `subject`: the projection of each subject's track (`status` holds the facts not searched on: suspension, hold, former officer...). */

export interface SubjectRow {
  matterReference: string;
  subjectId: string;
  workflowId: string;
  kind: string;
  rank: string | null;
  warrantNumber: string | null;
  stage: string;
  severity: string | null;
  caseToAnswer: string | null;
  formOfProceedings: string | null;
  outcome: string | null;
  closedBecause: string | null;
  status: Record<string, unknown>;
  revision: number;
}

/** The subject's stage as stored, locking the row until the transaction ends (undefined: no row yet). */
export async function lockSubjectStage(sql: Sql, matterReference: string, subjectId: string): Promise<{ stage: string } | undefined> {
  const [before] = await sql.query(`SELECT stage FROM subject WHERE matter_reference = $1 AND subject_id = $2 FOR UPDATE`, [matterReference, subjectId]);
  return before;
}

/**
 * Writes the subject's row. The revision guard: only the same or a later revision of the track's state
 * overwrites it. Returns whether it was written.
 */
export async function upsertSubject(sql: Sql, s: SubjectRow): Promise<boolean> {
  const applied = await sql.query(
    `INSERT INTO subject (matter_reference, subject_id, workflow_id, kind, rank, warrant_number, stage, severity,
                          case_to_answer, form_of_proceedings, outcome, closed_because, status, revision)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
     ON CONFLICT (matter_reference, subject_id) DO UPDATE SET
       stage = EXCLUDED.stage, severity = EXCLUDED.severity, case_to_answer = EXCLUDED.case_to_answer,
       form_of_proceedings = EXCLUDED.form_of_proceedings, outcome = EXCLUDED.outcome,
       closed_because = EXCLUDED.closed_because, status = EXCLUDED.status,
       revision = EXCLUDED.revision, updated_at = now()
     WHERE subject.revision <= EXCLUDED.revision
     RETURNING subject_id`,
    [s.matterReference, s.subjectId, s.workflowId, s.kind, s.rank, s.warrantNumber, s.stage, s.severity, s.caseToAnswer, s.formOfProceedings, s.outcome, s.closedBecause, JSON.stringify(s.status), s.revision],
  );
  return applied.length > 0;
}

/** A matter's subjects, whole rows as stored, by subject id. */
export async function findSubjects(sql: Sql, matterReference: string): Promise<Record<string, unknown>[]> {
  return sql.query(`SELECT * FROM subject WHERE matter_reference = $1 ORDER BY subject_id`, [matterReference]);
}

export async function subjectExists(sql: Sql, matterReference: string, subjectId: string): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM subject WHERE matter_reference = $1 AND subject_id = $2`, [matterReference, subjectId]);
  return rows.length > 0;
}

/** The subject's stage as stored (no lock), or undefined. */
export async function findSubjectStage(sql: Sql, matterReference: string, subjectId: string): Promise<string | undefined> {
  const [row] = await sql.query(`SELECT stage FROM subject WHERE matter_reference = $1 AND subject_id = $2`, [matterReference, subjectId]);
  return row?.stage;
}

/** What a list report takes from the projection: the subject's rank and warrant number, or undefined. */
export async function findListReportFields(sql: Sql, matterReference: string, subjectId: string): Promise<{ rank: string | null; warrant_number: string | null } | undefined> {
  const [s] = await sql.query(`SELECT rank, warrant_number FROM subject WHERE matter_reference = $1 AND subject_id = $2`, [matterReference, subjectId]);
  return s;
}
