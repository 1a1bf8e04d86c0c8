import { Sql } from './sql';

/** The SQL of `person` (a person of a force, who is their number) and of each subject's link to its person. */

export interface PersonNumber {
  numberKind: string;
  number: string;
}

export interface PersonRow {
  id: string;
  forceId: string;
  numberKind: string;
  number: string;
}

const PERSON_COLUMNS = `id::text AS id, force_id AS "forceId", number_kind AS "numberKind", number`;

/**
 * Links the subject's row to its person, creating the person on first sight, in the caller's transaction (the one that
 * writes the subject's row). The force is the matter's. Idempotent: a retried write links to the same person.
 */
export async function linkSubjectToPerson(sql: Sql, matterReference: string, subjectId: string, n: PersonNumber): Promise<void> {
  await sql.query(
    `INSERT INTO person (force_id, number_kind, number)
     SELECT force_id, $2, $3 FROM matter WHERE reference = $1
     ON CONFLICT (force_id, number_kind, number) DO NOTHING`,
    [matterReference, n.numberKind, n.number],
  );
  await sql.query(
    `UPDATE subject s SET person_id = p.id
       FROM matter m, person p
      WHERE s.matter_reference = $1 AND s.subject_id = $2 AND m.reference = s.matter_reference
        AND p.force_id = m.force_id AND p.number_kind = $3 AND p.number = $4
        AND s.person_id IS DISTINCT FROM p.id`,
    [matterReference, subjectId, n.numberKind, n.number],
  );
}

/** The people of a force holding any of these numbers, of any kind (what a referral is matched against). */
export async function findPeopleByNumbers(sql: Sql, forceId: string, numbers: readonly string[]): Promise<PersonRow[]> {
  if (numbers.length === 0) return [];
  return sql.query(`SELECT ${PERSON_COLUMNS} FROM person WHERE force_id = $1 AND number = ANY($2) ORDER BY id`, [forceId, numbers]);
}

export async function findPerson(sql: Sql, id: string): Promise<PersonRow | undefined> {
  if (!/^[0-9]{1,18}$/.test(id)) return undefined;
  const [row] = await sql.query(`SELECT ${PERSON_COLUMNS} FROM person WHERE id = $1`, [id]);
  return row;
}

export async function findPersonByNumber(sql: Sql, forceId: string, numberKind: string, number: string): Promise<PersonRow | undefined> {
  const [row] = await sql.query(`SELECT ${PERSON_COLUMNS} FROM person WHERE force_id = $1 AND number_kind = $2 AND number = $3`, [forceId, numberKind, number]);
  return row;
}

/** Each subject track the person had, with its matter, oldest matter first: what the engine recorded about them. */
export interface PersonSubjectRow {
  matterReference: string;
  matterKind: string;
  matterStage: string;
  receivedOn: string;
  subjectId: string;
  subjectKind: string;
  rank: string | null;
  stage: string;
  severity: string | null;
  caseToAnswer: string | null;
  formOfProceedings: string | null;
  outcome: string | null;
  closedBecause: string | null;
  warningLiveUntil: string | null;
}

export async function findPersonSubjects(sql: Sql, personId: string): Promise<PersonSubjectRow[]> {
  return sql.query(
    `SELECT m.reference AS "matterReference", m.kind AS "matterKind", m.stage AS "matterStage", to_char(m.received_on, 'YYYY-MM-DD') AS "receivedOn",
            s.subject_id AS "subjectId", s.kind AS "subjectKind", s.rank, s.stage, s.severity, s.case_to_answer AS "caseToAnswer",
            s.form_of_proceedings AS "formOfProceedings", s.outcome, s.closed_because AS "closedBecause",
            s.status->>'warningLiveUntil' AS "warningLiveUntil"
       FROM subject s JOIN matter m ON m.reference = s.matter_reference
      WHERE s.person_id = $1
      ORDER BY m.received_on, m.reference, s.subject_id`,
    [personId],
  );
}
