import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Confidential reports. Nothing here identifies the reporter unless they chose to say who they are, and then only
 * sealed (AES-256-GCM, the key's id beside it): no address, no browser, no cookie, and the reporter's own acts carry
 * a date, not a time of day (a time can be matched against who was at a keyboard). The secret is kept as a scrypt
 * hash only. The department's acts are kept in an append-only trail, as the matters' audit trail is.
 */
export class ConfidentialReports1764750000000 implements MigrationInterface {
  name = 'ConfidentialReports1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE confidential_report (
        reference text PRIMARY KEY,
        force_id text NOT NULL,
        secret_hash text NOT NULL,
        account text NOT NULL,
        about text,
        identity_sealed bytea,
        identity_key_id text,
        received_on date NOT NULL,
        assessment text,
        assessment_rationale text,
        assessed_by text,
        assessed_at timestamptz,
        matter_reference text UNIQUE,
        CHECK ((identity_sealed IS NULL) = (identity_key_id IS NULL))
      )`);
    await q.query(`CREATE INDEX confidential_report_force_idx ON confidential_report (force_id, received_on DESC)`);
    await q.query(`
      CREATE TABLE confidential_report_question (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_reference text NOT NULL REFERENCES confidential_report (reference),
        question text NOT NULL,
        asked_by text NOT NULL,
        asked_at timestamptz NOT NULL DEFAULT now(),
        answer text,
        answered_on date,
        CHECK ((answer IS NULL) = (answered_on IS NULL))
      )`);
    await q.query(`CREATE INDEX confidential_report_question_report_idx ON confidential_report_question (report_reference, id)`);
    await q.query(`
      CREATE TABLE confidential_report_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        report_reference text NOT NULL REFERENCES confidential_report (reference),
        actor text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        regulation text,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query(`CREATE INDEX confidential_report_audit_report_idx ON confidential_report_audit (report_reference, id)`);
    // Evidence of who read the reporter's identity: the database itself refuses to change or remove a line.
    await q.query(`
      CREATE FUNCTION confidential_report_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'confidential_report_audit is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER confidential_report_audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON confidential_report_audit
      FOR EACH STATEMENT EXECUTE FUNCTION confidential_report_audit_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER confidential_report_audit_append_only ON confidential_report_audit`);
    await q.query(`DROP FUNCTION confidential_report_audit_is_append_only()`);
    await q.query(`DROP TABLE confidential_report_audit`);
    await q.query(`DROP TABLE confidential_report_question`);
    await q.query(`DROP TABLE confidential_report`);
  }
}
