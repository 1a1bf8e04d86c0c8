import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The timeliness series of each matter (CR reg 19; CMR reg 13): the day a complaint was made (where the referral
 * gave it), the day the first 12-month period starts with (a complaint: when made; else when it came to the
 * appropriate authority's attention: received_on, which fills the rows already there), and each report answered
 * (withheld for prejudice with its reason, or sent with the officers' copies). Written with each change of the
 * matter's projection; a row an older worker writes leaves the start null, and readers fall back to received_on.
 */
export class MatterTimeliness1764650000000 implements MigrationInterface {
  name = 'MatterTimeliness1764650000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter ADD COLUMN complaint_made_on date, ADD COLUMN timeliness_starts_on date, ADD COLUMN timeliness_reports jsonb`);
    await q.query(`UPDATE matter SET timeliness_starts_on = received_on`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE matter DROP COLUMN complaint_made_on, DROP COLUMN timeliness_starts_on, DROP COLUMN timeliness_reports`);
  }
}
