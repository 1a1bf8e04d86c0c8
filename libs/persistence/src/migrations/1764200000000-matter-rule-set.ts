import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rule set each matter is under, and why (libs/domain rules/rule-sets.ts), recorded at referral and kept.
 * Null for matters referred before rule sets were recorded: they are under the 2020 rules.
 */
export class MatterRuleSet1764200000000 implements MigrationInterface {
  name = 'MatterRuleSet1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter ADD COLUMN rule_set jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter DROP COLUMN rule_set`);
  }
}
