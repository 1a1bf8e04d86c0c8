import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web interface's sessions, kept server-side: the browser holds only a random token, whose SHA-256 is the key
 * here (a copy of this table cannot be replayed as cookies). And the index My work reads: a matter's deadlines
 * still owed, soonest first.
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
    await q.query(`CREATE INDEX deadline_owed_idx ON deadline (due_at, matter_reference) WHERE settled_at IS NULL AND status IN ('open', 'missed')`);
    await q.query(`CREATE INDEX deadline_matter_owed_idx ON deadline (matter_reference, due_at) WHERE settled_at IS NULL AND status IN ('open', 'missed')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX deadline_matter_owed_idx`);
    await q.query(`DROP INDEX deadline_owed_idx`);
    await q.query(`DROP TABLE web_session`);
  }
}
