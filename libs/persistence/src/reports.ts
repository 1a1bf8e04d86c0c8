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

/** Every matter's date received, kind and stage now (the quarterly report counts them). */
export async function referredMatters(sql: Sql, forces: string[] | null): Promise<{ received_on: string; kind: string; stage: string }[]> {
  return sql.query(`SELECT m.received_on, m.kind, m.stage FROM matter m WHERE ${forceFilter(forces, 'm', 1)}`, [forces]);
}

/** Every outcome decided, when, from the audit trail (the quarterly report counts them). */
export async function outcomesDecided(sql: Sql, forces: string[] | null): Promise<{ occurred_at: Date; outcome: string }[]> {
  return sql.query(
    `SELECT a.occurred_at, a.details->>'outcome' AS outcome FROM audit_entry a JOIN matter m ON m.reference = a.matter_reference
     WHERE a.action = 'decision:outcome' AND ${forceFilter(forces, 'm', 1)}`,
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
