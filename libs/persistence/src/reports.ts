import { Sql } from './tables/sql';

/**
 * The reports' SQL: overdue deadlines, timeliness, the quarterly figures' rows and time in stage. Each is
 * narrowed to the forces the reader sees (`forces` null: every force).
 */

function forceFilter(forces: string[] | null, alias: string, param: number): string {
  return forces ? `${alias}.force_id = ANY($${param})` : `$${param}::text[] IS NULL`;
}

/** Every deadline missed or past due and not met, oldest first; one whose step was since done (late) is overdue no longer. */
export async function overdueDeadlinesReport(sql: Sql, forces: string[] | null): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT d.matter_reference AS "matterReference", m.force_id AS "forceId", d.subject_id AS "subjectId", d.name AS deadline,
            d.regulation, d.due_date AS "dueDate", d.status, (current_date - d.due_date) AS "daysOverdue"
     FROM deadline d JOIN matter m ON m.reference = d.matter_reference
     WHERE ((d.status = 'missed' AND d.settled_at IS NULL) OR (d.status = 'open' AND d.due_at < now())) AND ${forceFilter(forces, 'm', 1)}
     ORDER BY d.due_date, d.matter_reference`,
    [forces],
  );
}

/**
 * Subjects in severity assessment or investigation on matters whose first timeliness period (12 months) has run: it
 * starts on the day a complaint was made (CMR reg 13), or a conduct or DSI matter came to the appropriate authority's
 * attention (CR reg 19); a row written before the start was kept falls back to received_on.
 */
export async function timelinessReport(sql: Sql, forces: string[] | null): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT s.matter_reference AS "matterReference", m.force_id AS "forceId", s.subject_id AS "subjectId", m.received_on AS "receivedOn",
            COALESCE(m.timeliness_starts_on, m.received_on) AS "timelinessStartsOn", s.stage,
            (extract(year FROM age(current_date, COALESCE(m.timeliness_starts_on, m.received_on))) * 12
              + extract(month FROM age(current_date, COALESCE(m.timeliness_starts_on, m.received_on))))::int AS "monthsOpen"
     FROM subject s JOIN matter m ON m.reference = s.matter_reference
     WHERE s.stage IN ('severity-assessment', 'investigation') AND COALESCE(m.timeliness_starts_on, m.received_on) <= current_date - interval '12 months'
       AND ${forceFilter(forces, 'm', 1)}
     ORDER BY COALESCE(m.timeliness_starts_on, m.received_on)`,
    [forces],
  );
}

/**
 * Matters counted by the calendar quarter they were received in, their kind and their stage now (the quarterly report).
 * Counted here, not row by row in the API: at 50,000 matters, shipping every row cost the page most of its time. A
 * financial quarter (April to June, ...) is a calendar quarter, so grouping by the calendar quarter's first day loses
 * nothing; which financial year and quarter that is stays the domain's (`financialQuarterOf`).
 */
export async function referredMatters(sql: Sql, forces: string[] | null): Promise<{ quarter_start: string; kind: string; stage: string; count: number }[]> {
  return sql.query(
    `SELECT to_char(q, 'YYYY-MM-DD') AS quarter_start, kind, stage, count FROM (
       SELECT date_trunc('quarter', m.received_on::timestamp) AS q, m.kind, m.stage, count(*)::int AS count
       FROM matter m WHERE ${forceFilter(forces, 'm', 1)} GROUP BY 1, 2, 3) counted`,
    [forces],
  );
}

/**
 * Outcomes decided, from the audit trail, counted by the calendar quarter (London time) they were decided in. Read for
 * every force, the audit lines are counted alone: joining them to 50,000 matters only to keep them all cost more than the count.
 */
export async function outcomesDecided(sql: Sql, forces: string[] | null): Promise<{ quarter_start: string; outcome: string; count: number }[]> {
  return sql.query(
    `SELECT to_char(q, 'YYYY-MM-DD') AS quarter_start, outcome, count FROM (
       SELECT date_trunc('quarter', a.occurred_at AT TIME ZONE 'Europe/London') AS q, a.details->>'outcome' AS outcome, count(*)::int AS count
       FROM audit_entry a
       WHERE a.action = 'decision:outcome'
         AND ($1::text[] IS NULL OR EXISTS (SELECT 1 FROM matter m WHERE m.reference = a.matter_reference AND m.force_id = ANY($1)))
       GROUP BY 1, 2) counted`,
    [forces],
  );
}

/** Days subjects spent in each stage (completed stays, and open ones to today), by stage. */
export async function timeInStageReport(sql: Sql, forces: string[] | null): Promise<Record<string, unknown>[]> {
  return sql.query(
    `WITH stays AS (
       SELECT t.to_stage AS stage, t.at AS entered,
              lead(t.at) OVER (PARTITION BY t.matter_reference, t.subject_id ORDER BY t.revision) AS left_at
       FROM stage_transition t JOIN matter m ON m.reference = t.matter_reference
       WHERE ${forceFilter(forces, 'm', 1)})
     SELECT stage, count(*)::int AS stays, count(left_at)::int AS completed,
            round(avg(extract(epoch FROM (coalesce(left_at, now()) - entered)) / 86400)::numeric, 1)::float AS "meanDays",
            round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (coalesce(left_at, now()) - entered)) / 86400))::numeric, 1)::float AS "medianDays"
     FROM stays WHERE stage <> 'closed' GROUP BY stage ORDER BY stage`,
    [forces],
  );
}

/**
 * The Home Office's case-level misconduct return: one row per subject whose outcome was decided (its occurredAt, as a
 * London date) from `from` to `to`, with the allegations against them and the findings on each. Columns and their
 * meaning: docs/returns.md (the API's returns.ts builds the CSV from these rows).
 */
export async function misconductReturnRows(sql: Sql, forces: string[] | null, from: string, to: string): Promise<MisconductReturnSource[]> {
  return sql.query(
    `WITH decided AS (
       SELECT DISTINCT ON (a.matter_reference, a.subject_id) a.matter_reference, a.subject_id,
              (a.occurred_at AT TIME ZONE 'Europe/London')::date AS outcome_on, a.details->>'outcome' AS outcome, a.details->>'finding' AS finding
         FROM audit_entry a
        WHERE a.action = 'decision:outcome'
        ORDER BY a.matter_reference, a.subject_id, a.occurred_at DESC, a.id DESC)
     SELECT m.force_id AS "forceId", m.reference AS "matterReference", m.kind AS "matterKind", m.received_on::text AS "receivedOn",
            s.subject_id AS "subjectId", s.kind AS "subjectKind", s.rank, s.severity, s.case_to_answer AS "caseToAnswer",
            s.form_of_proceedings AS "formOfProceedings", d.outcome, d.finding, d.outcome_on::text AS "outcomeOn",
            t.proceedings_held_on AS "proceedingsHeldOn", coalesce(t.suspended, false) AS suspended, coalesce(t.criminal, false) AS "criminalProceedings",
            t.appeal_lodged_on AS "appealLodgedOn", t.appeal_result AS "appealResult", t.appeal_determined_on AS "appealDeterminedOn", s.outcome AS "outcomeNow",
            s.person_id::text AS "personId",
            coalesce((SELECT json_agg(json_build_object('category', al.category, 'standards', al.standards, 'finding', x.finding) ORDER BY al.allegation_id)
                        FROM allegation_subject x JOIN allegation al USING (matter_reference, allegation_id)
                       WHERE x.matter_reference = s.matter_reference AND x.subject_id = s.subject_id), '[]') AS allegations
       FROM decided d
       JOIN subject s ON s.matter_reference = d.matter_reference AND s.subject_id = d.subject_id
       JOIN matter m ON m.reference = s.matter_reference
       -- What the subject's own trail says of the proceedings, suspension, criminal charge and appeal (each as a London date).
       LEFT JOIN LATERAL (
         SELECT (max(e.occurred_at) FILTER (WHERE e.action = 'event:proceedings-held') AT TIME ZONE 'Europe/London')::date::text AS proceedings_held_on,
                bool_or(e.action = 'event:suspended') AS suspended,
                bool_or(e.action = 'event:criminal-charge') AS criminal,
                (max(e.occurred_at) FILTER (WHERE e.action = 'event:appeal-lodged') AT TIME ZONE 'Europe/London')::date::text AS appeal_lodged_on,
                (array_agg(e.details->>'result' ORDER BY e.occurred_at DESC, e.id DESC) FILTER (WHERE e.action = 'decision:appeal-determination'))[1] AS appeal_result,
                (max(e.occurred_at) FILTER (WHERE e.action = 'decision:appeal-determination') AT TIME ZONE 'Europe/London')::date::text AS appeal_determined_on
           FROM audit_entry e
          WHERE e.matter_reference = s.matter_reference AND e.subject_id = s.subject_id) t ON true
      WHERE d.outcome_on BETWEEN $2::date AND $3::date AND ${forceFilter(forces, 'm', 1)}
      ORDER BY m.force_id, d.outcome_on, m.reference, s.subject_id`,
    [forces, from, to],
  );
}

export interface MisconductReturnSource {
  forceId: string;
  matterReference: string;
  matterKind: string;
  receivedOn: string;
  subjectId: string;
  subjectKind: string;
  rank: string | null;
  severity: string | null;
  caseToAnswer: string | null;
  formOfProceedings: string | null;
  outcome: string | null;
  finding: string | null;
  outcomeOn: string;
  /** The last day a meeting or hearing was held (event proceedings-held). */
  proceedingsHeldOn: string | null;
  suspended: boolean;
  criminalProceedings: boolean;
  appealLodgedOn: string | null;
  appealResult: string | null;
  appealDeterminedOn: string | null;
  /** The subject's outcome now: the outcome, or what an appeal allowed substituted for it. */
  outcomeNow: string | null;
  /** The person the subject is, when known by a number (for their protected characteristics). */
  personId: string | null;
  allegations: { category: string; standards: string[]; finding: string | null }[];
}

/**
 * The IOPC's complaints data: one row per allegation and subject on the complaints received (the day they reached the
 * appropriate authority) from `from` to `to`, with its category and the finding on it, if made. Columns: docs/returns.md.
 */
export async function complaintAllegationRows(sql: Sql, forces: string[] | null, from: string, to: string): Promise<ComplaintAllegationSource[]> {
  return sql.query(
    `SELECT m.force_id AS "forceId", m.reference AS "matterReference", m.received_on::text AS "receivedOn", m.mode_of_investigation AS "modeOfInvestigation",
            al.allegation_id AS "allegationId", al.category, x.subject_id AS "subjectId", x.finding, x.finding_on::text AS "findingOn"
       FROM allegation al
       JOIN allegation_subject x USING (matter_reference, allegation_id)
       JOIN matter m ON m.reference = al.matter_reference
      WHERE m.kind = 'complaint' AND m.received_on BETWEEN $2::date AND $3::date AND ${forceFilter(forces, 'm', 1)}
      ORDER BY m.force_id, m.received_on, m.reference, al.allegation_id, x.subject_id`,
    [forces, from, to],
  );
}

export interface ComplaintAllegationSource {
  forceId: string;
  matterReference: string;
  receivedOn: string;
  modeOfInvestigation: string | null;
  allegationId: string;
  category: string;
  subjectId: string;
  finding: string | null;
  findingOn: string | null;
}
