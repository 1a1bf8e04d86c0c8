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

/** Subjects in severity assessment or investigation on matters received more than 12 months ago. */
export async function timelinessReport(sql: Sql, forces: string[] | null): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT s.matter_reference AS "matterReference", m.force_id AS "forceId", s.subject_id AS "subjectId", m.received_on AS "receivedOn",
            s.stage, (extract(year FROM age(current_date, m.received_on)) * 12 + extract(month FROM age(current_date, m.received_on)))::int AS "monthsOpen"
     FROM subject s JOIN matter m ON m.reference = s.matter_reference
     WHERE s.stage IN ('severity-assessment', 'investigation') AND m.received_on <= current_date - interval '12 months' AND ${forceFilter(forces, 'm', 1)}
     ORDER BY m.received_on`,
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
