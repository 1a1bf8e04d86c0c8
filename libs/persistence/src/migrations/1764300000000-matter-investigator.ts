import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The investigator appointed to each matter (CR reg 15), with whether they are independent of each subject:
 * written with each change of the matter's projection. Null until one is recorded.
 */
export class MatterInvestigator1764300000000 implements MigrationInterface {
  name = 'MatterInvestigator1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter ADD COLUMN investigator jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter DROP COLUMN investigator`);
  }
}
