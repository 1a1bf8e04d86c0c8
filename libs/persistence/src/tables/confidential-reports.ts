import { rows, Sql } from './sql';
import type { DayCursor } from './cursors';

/** The SQL of `confidential_report`, its questions and its append-only trail of the department's acts. */

export interface ConfidentialReportRow {
  reference: string;
  forceId: string;
  secretHash: string;
  account: string;
  about: string | null;
  identitySealed: Buffer | null;
  identityKeyId: string | null;
  receivedOn: string;
  assessment: string | null;
  assessmentRationale: string | null;
  assessedBy: string | null;
  assessedAt: string | null;
  matterReference: string | null;
}

export interface ConfidentialQuestionRow {
  id: string;
  question: string;
  askedAt: string;
  answer: string | null;
  answeredOn: string | null;
}

const REPORT_COLUMNS = `reference, force_id AS "forceId", secret_hash AS "secretHash", account, about,
  identity_sealed AS "identitySealed", identity_key_id AS "identityKeyId", to_char(received_on, 'YYYY-MM-DD') AS "receivedOn",
  assessment, assessment_rationale AS "assessmentRationale", assessed_by AS "assessedBy", assessed_at AS "assessedAt",
  matter_reference AS "matterReference"`;

export async function insertConfidentialReport(
  sql: Sql,
  r: { reference: string; forceId: string; secretHash: string; account: string; about: string | null; identitySealed: Buffer | null; identityKeyId: string | null; receivedOn: string },
): Promise<void> {
  await sql.query(
    `INSERT INTO confidential_report (reference, force_id, secret_hash, account, about, identity_sealed, identity_key_id, received_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [r.reference, r.forceId, r.secretHash, r.account, r.about, r.identitySealed, r.identityKeyId, r.receivedOn],
  );
}

/** One report; `forUpdate` locks its row for the caller's transaction (a conversion, an assessment). */
export async function findConfidentialReport(sql: Sql, reference: string, forUpdate = false): Promise<ConfidentialReportRow | undefined> {
  const [row] = await sql.query(`SELECT ${REPORT_COLUMNS} FROM confidential_report WHERE reference = $1${forUpdate ? ' FOR UPDATE' : ''}`, [reference]);
  return row;
}

/** The report a matter came from, if it came from one. */
export async function findConfidentialReportOfMatter(sql: Sql, matterReference: string): Promise<string | null> {
  const [row] = await sql.query(`SELECT reference FROM confidential_report WHERE matter_reference = $1`, [matterReference]);
  return row?.reference ?? null;
}

export type ListedConfidentialReport = Omit<ConfidentialReportRow, 'secretHash' | 'identitySealed' | 'identityKeyId'> & { hasIdentity: boolean; questionsUnanswered: number };

/**
 * A page of the forces' reports, newest first (then by reference, both descending, so a page starts after the
 * last one's day and reference), with how many questions wait for an answer, and whether more follow.
 */
export async function listConfidentialReports(sql: Sql, forces: readonly string[] | null, page: { limit: number; after?: DayCursor }): Promise<{ items: ListedConfidentialReport[]; more: boolean }> {
  const rows: ListedConfidentialReport[] = await sql.query(
    `SELECT reference, force_id AS "forceId", account, about, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn",
            assessment, assessment_rationale AS "assessmentRationale", assessed_by AS "assessedBy", assessed_at AS "assessedAt",
            matter_reference AS "matterReference", identity_sealed IS NOT NULL AS "hasIdentity",
            (SELECT count(*)::int FROM confidential_report_question q WHERE q.report_reference = r.reference AND q.answer IS NULL) AS "questionsUnanswered"
       FROM confidential_report r
      WHERE ($1::text[] IS NULL OR force_id = ANY($1))
        AND ($3::date IS NULL OR (received_on, reference) < ($3::date, $4::text))
      ORDER BY received_on DESC, reference DESC
      LIMIT $2`,
    [forces, page.limit + 1, page.after?.receivedOn ?? null, page.after?.reference ?? null],
  );
  return { items: rows.slice(0, page.limit), more: rows.length > page.limit };
}

export async function recordConfidentialAssessment(sql: Sql, reference: string, a: { assessment: string; rationale: string; by: string }): Promise<void> {
  await sql.query(
    `UPDATE confidential_report SET assessment = $2, assessment_rationale = $3, assessed_by = $4, assessed_at = now() WHERE reference = $1`,
    [reference, a.assessment, a.rationale, a.by],
  );
}

export async function linkConfidentialReportToMatter(sql: Sql, reference: string, matterReference: string): Promise<void> {
  await sql.query(`UPDATE confidential_report SET matter_reference = $2 WHERE reference = $1 AND matter_reference IS NULL`, [reference, matterReference]);
}

export async function insertConfidentialQuestion(sql: Sql, reference: string, question: string, askedBy: string): Promise<string> {
  const [row] = await sql.query(
    `INSERT INTO confidential_report_question (report_reference, question, asked_by) VALUES ($1, $2, $3) RETURNING id::text AS id`,
    [reference, question, askedBy],
  );
  return row.id;
}

/** The questions on a report, oldest first. Who asked is the department's business, not the reporter's: not read here. */
export async function findConfidentialQuestions(sql: Sql, reference: string): Promise<ConfidentialQuestionRow[]> {
  return sql.query(
    `SELECT id::text AS id, question, asked_at AS "askedAt", answer, to_char(answered_on, 'YYYY-MM-DD') AS "answeredOn"
       FROM confidential_report_question WHERE report_reference = $1 ORDER BY id`,
    [reference],
  );
}

/** Answers a question once: false when it was answered meanwhile (the row is left as it is). */
export async function answerConfidentialQuestion(sql: Sql, reference: string, questionId: string, answer: string, answeredOn: string): Promise<boolean> {
  const result = await sql.query(
    `UPDATE confidential_report_question SET answer = $3, answered_on = $4
      WHERE report_reference = $1 AND id = $2 AND answer IS NULL RETURNING id`,
    [reference, questionId, answer, answeredOn],
  );
  return rows(result).length === 1;
}

export interface ConfidentialAuditLine {
  reportReference: string;
  actor: string;
  actorRole: string;
  action: 'assessed' | 'question-asked' | 'identity-read' | 'conduct-matter-referred';
  regulation: string | null;
  details: Record<string, unknown>;
}

export async function appendConfidentialAudit(sql: Sql, a: ConfidentialAuditLine): Promise<void> {
  await sql.query(
    `INSERT INTO confidential_report_audit (report_reference, actor, actor_role, action, regulation, details) VALUES ($1, $2, $3, $4, $5, $6)`,
    [a.reportReference, a.actor, a.actorRole, a.action, a.regulation, JSON.stringify(a.details)],
  );
}

export async function findConfidentialAudit(sql: Sql, reference: string): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT actor, actor_role AS "actorRole", action, regulation, occurred_at AS "occurredAt", details FROM confidential_report_audit WHERE report_reference = $1 ORDER BY id`,
    [reference],
  );
}
