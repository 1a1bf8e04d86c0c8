import { MigrationInterface, QueryRunner } from 'typeorm';

/** Each change of a subject's stage, with when it happened, for the time-in-stage report. */
export class StageTransitions1763900000000 implements MigrationInterface {
  name = 'StageTransitions1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stage_transition (
        id bigserial PRIMARY KEY,
        matter_reference text NOT NULL,
        subject_id text NOT NULL,
        from_stage text,
        to_stage text NOT NULL,
        at timestamptz NOT NULL,
        revision integer NOT NULL,
        UNIQUE (matter_reference, subject_id, revision)
      )`);
    await q.query(`CREATE INDEX stage_transition_subject_idx ON stage_transition (matter_reference, subject_id, at)`);
    await q.query(`CREATE INDEX audit_entry_action_idx ON audit_entry (action, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_entry_action_idx`);
    await q.query(`DROP TABLE stage_transition`);
  }
}
