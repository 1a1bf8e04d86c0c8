import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A person's protected characteristics (Equality Act 2010 s.4) for the Home Office's return: sex, ethnicity and date of
 * birth as one JSON value sealed with the payload keys (AES-256-GCM, the key's id beside it), never in plain text.
 * Where they come from, when and by whom are in the clear: they say nothing about the person. One row per person; a
 * new record replaces it, and the audit trail of the person's matters says who recorded which fields when.
 */
export class PersonCharacteristics1764850000000 implements MigrationInterface {
  name = 'PersonCharacteristics1764850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person_characteristics (
        person_id bigint PRIMARY KEY REFERENCES person (id),
        sealed bytea NOT NULL,
        key_id text NOT NULL,
        source text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        recorded_by text NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE person_characteristics`);
  }
}
