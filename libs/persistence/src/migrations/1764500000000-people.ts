import { MigrationInterface, QueryRunner } from 'typeorm';
import { NUMBER_KIND_OF } from '@conduct/domain';

/**
 * A person of a force, who is their number: (force, kind of number, number). No name or date of birth here; those
 * stay encrypted in the workflow payloads. Each subject row points at its person, set by the projection in the same
 * transaction that writes the row, so a subject is never half-linked. Existing subjects with a number are linked now.
 */
export class People1764500000000 implements MigrationInterface {
  name = 'People1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE person (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        force_id text NOT NULL,
        number_kind text NOT NULL,
        number text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (force_id, number_kind, number)
      )`);
    // Matching looks a number up in its force whatever its kind: a number of another kind is an ambiguous match.
    await q.query(`CREATE INDEX person_force_number_idx ON person (force_id, number)`);
    await q.query(`ALTER TABLE subject ADD COLUMN person_id bigint REFERENCES person (id)`);
    await q.query(`CREATE INDEX subject_person_idx ON subject (person_id) WHERE person_id IS NOT NULL`);
    const kinds = Object.entries(NUMBER_KIND_OF);
    const numberKind = `CASE s.kind ${kinds.map((_, i) => `WHEN $${2 * i + 1} THEN $${2 * i + 2}`).join(' ')} END`;
    const params = kinds.flat();
    await q.query(
      `INSERT INTO person (force_id, number_kind, number)
       SELECT DISTINCT m.force_id, ${numberKind}, btrim(s.warrant_number)
         FROM subject s JOIN matter m ON m.reference = s.matter_reference
        WHERE btrim(coalesce(s.warrant_number, '')) <> '' AND ${numberKind} IS NOT NULL
       ON CONFLICT DO NOTHING`, params);
    await q.query(
      `UPDATE subject s SET person_id = p.id
         FROM matter m, person p
        WHERE m.reference = s.matter_reference AND p.force_id = m.force_id
          AND p.number_kind = ${numberKind} AND p.number = btrim(s.warrant_number)`, params);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX subject_person_idx`);
    await q.query(`ALTER TABLE subject DROP COLUMN person_id`);
    await q.query(`DROP TABLE person`);
  }
}
