import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A matter's allegations (issue 15): what is alleged, its IOPC category and the standards it engages, and whom it is
 * against, with the finding per subject once an outcome records one. Written by the projection only: the matter's
 * change writes allegation and allegation_subject, a subject's outcome writes its findings, each in its own change's
 * transaction.
 */
export class Allegations1764700000000 implements MigrationInterface {
  name = 'Allegations1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE allegation (
        matter_reference text NOT NULL REFERENCES matter (reference),
        allegation_id text NOT NULL,
        alleged text NOT NULL,
        category text NOT NULL,
        standards text[] NOT NULL DEFAULT '{}',
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (matter_reference, allegation_id)
      )`);
    // The IOPC's return counts allegations by category.
    await q.query(`CREATE INDEX allegation_category_idx ON allegation (category)`);
    await q.query(`
      CREATE TABLE allegation_subject (
        matter_reference text NOT NULL,
        allegation_id text NOT NULL,
        subject_id text NOT NULL,
        finding text,
        finding_on date,
        PRIMARY KEY (matter_reference, allegation_id, subject_id),
        FOREIGN KEY (matter_reference, allegation_id) REFERENCES allegation (matter_reference, allegation_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE allegation_subject`);
    await q.query(`DROP TABLE allegation`);
  }
}
