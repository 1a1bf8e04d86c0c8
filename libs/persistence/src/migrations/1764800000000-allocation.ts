import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Allocation of work (issue 15). `staff_member`: each user id the engine has seen signed in to a force (the token's
 * subject and its verified force), what an allocation is checked against. A matter's and each subject's case officer
 * are columns of their projection rows, written by the API in the transaction that writes the allocation's audit
 * line; the investigator stays the matter's appointment (matter.investigator, from the workflow), with its id drawn
 * out for the filters. `allocation_queue` is the queue a matter's unallocated work waits in ('general' until routing by
 * allegation category sets another). Partial indexes keep My work's walk in next_due order when it filters by
 * allocation, and find a person's matters by their own index.
 */
export class Allocation1764800000000 implements MigrationInterface {
  name = 'Allocation1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE staff_member (
        force_id text NOT NULL,
        user_id text NOT NULL,
        role text NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, force_id)
      )`);
    await q.query(`ALTER TABLE matter ADD COLUMN case_officer text`);
    await q.query(`ALTER TABLE matter ADD COLUMN allocation_queue text NOT NULL DEFAULT 'general'`);
    await q.query(`ALTER TABLE matter ADD COLUMN investigator_id text GENERATED ALWAYS AS (investigator->'investigator'->>'id') STORED`);
    await q.query(`ALTER TABLE subject ADD COLUMN case_officer text`);
    await q.query(`CREATE INDEX matter_case_officer_idx ON matter (case_officer) WHERE case_officer IS NOT NULL`);
    await q.query(`CREATE INDEX matter_investigator_id_idx ON matter (investigator_id) WHERE investigator_id IS NOT NULL`);
    await q.query(`CREATE INDEX subject_case_officer_idx ON subject (case_officer) WHERE case_officer IS NOT NULL`);
    // My work, unallocated: the same walk as matter_force_next_due_idx / matter_next_due_idx, over unallocated matters only.
    await q.query(`CREATE INDEX matter_force_unallocated_due_idx ON matter (force_id, next_due_at, reference) WHERE next_due_at IS NOT NULL AND case_officer IS NULL`);
    await q.query(`CREATE INDEX matter_unallocated_due_idx ON matter (next_due_at, reference) WHERE next_due_at IS NOT NULL AND case_officer IS NULL`);
    // The unallocated list walks matter_received_idx backwards (oldest first), skipping allocated rows: 1.3 ms for a
    // page at 50,000 matters, half allocated; a partial index of its own went unused (force_id = ANY breaks its order).
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matter_unallocated_due_idx`);
    await q.query(`DROP INDEX matter_force_unallocated_due_idx`);
    await q.query(`DROP INDEX subject_case_officer_idx`);
    await q.query(`DROP INDEX matter_investigator_id_idx`);
    await q.query(`DROP INDEX matter_case_officer_idx`);
    await q.query(`ALTER TABLE subject DROP COLUMN case_officer`);
    await q.query(`ALTER TABLE matter DROP COLUMN investigator_id`);
    await q.query(`ALTER TABLE matter DROP COLUMN allocation_queue`);
    await q.query(`ALTER TABLE matter DROP COLUMN case_officer`);
    await q.query(`DROP TABLE staff_member`);
  }
}
