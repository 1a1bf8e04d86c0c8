import { Sql } from './sql';

/**
 * What early intervention reads about people: each allegation against them and each warning the engine recorded on
 * them, across every matter. An allegation counts from the day its matter was received (when it came to the
 * appropriate authority's attention); a warning from the day its outcome was decided until its live-until date.
 */

export interface PersonAllegationRow {
  personId: string;
  matterReference: string;
  allegationId: string;
  category: string;
  madeOn: string;
}

export interface PersonWarningRow {
  personId: string;
  matterReference: string;
  outcome: string;
  from: string;
  liveUntil: string;
}

export async function findAllegationsAgainst(sql: Sql, personIds: readonly string[]): Promise<PersonAllegationRow[]> {
  if (!personIds.length) return [];
  return sql.query(
    `SELECT s.person_id::text AS "personId", a.matter_reference AS "matterReference", a.allegation_id AS "allegationId", a.category,
            to_char(m.received_on, 'YYYY-MM-DD') AS "madeOn"
       FROM allegation_subject x
       JOIN subject s ON s.matter_reference = x.matter_reference AND s.subject_id = x.subject_id
       JOIN allegation a ON a.matter_reference = x.matter_reference AND a.allegation_id = x.allegation_id
       JOIN matter m ON m.reference = x.matter_reference
      WHERE s.person_id = ANY($1::bigint[])
      ORDER BY m.received_on, a.matter_reference, a.allegation_id`,
    [personIds],
  );
}

export async function findWarningsOn(sql: Sql, personIds: readonly string[]): Promise<PersonWarningRow[]> {
  if (!personIds.length) return [];
  return sql.query(
    `SELECT s.person_id::text AS "personId", s.matter_reference AS "matterReference", s.outcome,
            coalesce(
              (SELECT to_char(max(e.occurred_at) AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') FROM audit_entry e
                WHERE e.matter_reference = s.matter_reference AND e.subject_id = s.subject_id AND e.action = 'decision:outcome'),
              to_char(m.received_on, 'YYYY-MM-DD')) AS "from",
            s.status->>'warningLiveUntil' AS "liveUntil"
       FROM subject s JOIN matter m ON m.reference = s.matter_reference
      WHERE s.person_id = ANY($1::bigint[]) AND s.outcome IN ('written-warning', 'final-written-warning') AND s.status ? 'warningLiveUntil'`,
    [personIds],
  );
}

/**
 * The people of these forces (null: every force) whom a rule could flag: more than one allegation, or an allegation
 * and a warning. Everyone else has too little on record for any rule, so they are not read.
 */
export async function findEarlyInterventionCandidates(sql: Sql, forces: readonly string[] | null): Promise<{ personId: string; forceId: string; numberKind: string; number: string }[]> {
  return sql.query(
    `SELECT p.id::text AS "personId", p.force_id AS "forceId", p.number_kind AS "numberKind", p.number
       FROM person p
      WHERE ($1::text[] IS NULL OR p.force_id = ANY($1))
        AND EXISTS (SELECT 1 FROM subject s JOIN allegation_subject x ON x.matter_reference = s.matter_reference AND x.subject_id = s.subject_id WHERE s.person_id = p.id)
        AND ((SELECT count(*) FROM subject s JOIN allegation_subject x ON x.matter_reference = s.matter_reference AND x.subject_id = s.subject_id WHERE s.person_id = p.id) > 1
             OR EXISTS (SELECT 1 FROM subject s WHERE s.person_id = p.id AND s.outcome IN ('written-warning', 'final-written-warning')))
      ORDER BY p.force_id, p.number`,
    [forces],
  );
}
