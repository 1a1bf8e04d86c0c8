import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web interface's sessions, kept server-side: the browser holds only a random token, whose SHA-256 is the key
 * here (a copy of this table cannot be replayed as cookies). And what My work reads: each matter's soonest deadline
 * still owed (open, or missed and not yet done), kept on the matter's row whenever its deadlines are written, so the
 * list is an index range however many matters are open.
 */
export class WebSessions1764300000000 implements MigrationInterface {
  name = 'WebSessions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE web_session (
        token_hash text PRIMARY KEY,
        signed_in jsonb,
        csrf_token text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX web_session_expires_idx ON web_session (expires_at)`);
    await q.query(`CREATE INDEX deadline_matter_owed_idx ON deadline (matter_reference, due_at) WHERE settled_at IS NULL AND status IN ('open', 'missed')`);
    await q.query(`ALTER TABLE matter ADD COLUMN next_due_at timestamptz`);
    await q.query(`
      UPDATE matter m SET next_due_at = n.due_at
      FROM (SELECT matter_reference, min(due_at) AS due_at FROM deadline WHERE settled_at IS NULL AND status IN ('open', 'missed') GROUP BY matter_reference) n
      WHERE n.matter_reference = m.reference`);
    await q.query(`CREATE INDEX matter_force_next_due_idx ON matter (force_id, next_due_at, reference) WHERE next_due_at IS NOT NULL`);
    await q.query(`CREATE INDEX matter_next_due_idx ON matter (next_due_at, reference) WHERE next_due_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX matter_next_due_idx`);
    await q.query(`DROP INDEX matter_force_next_due_idx`);
    await q.query(`ALTER TABLE matter DROP COLUMN next_due_at`);
    await q.query(`DROP INDEX deadline_matter_owed_idx`);
    await q.query(`DROP TABLE web_session`);
  }
}
