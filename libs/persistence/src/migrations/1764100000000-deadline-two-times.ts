import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two times for every step: a deadline shows when the step that settled it happened (however late it was
 * recorded) and each correction of a judgement already made (a miss the timer declared, then shown met in time).
 */
export class DeadlineTwoTimes1764100000000 implements MigrationInterface {
  name = 'DeadlineTwoTimes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline ADD COLUMN settled_at timestamptz, ADD COLUMN corrections jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadline DROP COLUMN corrections, DROP COLUMN settled_at`);
  }
}
