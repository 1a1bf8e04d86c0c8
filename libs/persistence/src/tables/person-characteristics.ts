import { Sql } from './sql';

/**
 * The SQL of `person_characteristics`: a person's protected characteristics, sealed (the API seals and opens them;
 * this module never sees them in plain text). One row per person: a new record replaces the old.
 */

export interface PersonCharacteristicsRow {
  personId: string;
  sealed: Buffer;
  keyId: string;
  source: string;
  /** An ISO instant, UTC. */
  recordedAt: string;
  recordedBy: string;
}

export async function upsertPersonCharacteristics(sql: Sql, row: { personId: string; sealed: Buffer; keyId: string; source: string; recordedBy: string }): Promise<void> {
  await sql.query(
    `INSERT INTO person_characteristics (person_id, sealed, key_id, source, recorded_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (person_id) DO UPDATE SET sealed = EXCLUDED.sealed, key_id = EXCLUDED.key_id, source = EXCLUDED.source, recorded_at = now(), recorded_by = EXCLUDED.recorded_by`,
    [row.personId, row.sealed, row.keyId, row.source, row.recordedBy],
  );
}

/** The sealed characteristics of these people (those recorded), in person id order. */
export async function findPersonCharacteristics(sql: Sql, personIds: readonly string[]): Promise<PersonCharacteristicsRow[]> {
  const ids = personIds.filter((id) => /^[0-9]{1,18}$/.test(id));
  if (ids.length === 0) return [];
  return sql.query(
    `SELECT person_id::text AS "personId", sealed, key_id AS "keyId", source, to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "recordedAt", recorded_by AS "recordedBy"
       FROM person_characteristics WHERE person_id = ANY($1::bigint[]) ORDER BY person_id`,
    [ids],
  );
}
