import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763884800000 implements MigrationInterface {
  name = 'InitialSchema1763884800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE matter (
        reference text PRIMARY KEY,
        workflow_id text NOT NULL,
        kind text NOT NULL,
        regime text NOT NULL,
        force_id text NOT NULL,
        stage text NOT NULL,
        appropriate_authority text NOT NULL,
        iopc_referral_required boolean NOT NULL DEFAULT false,
        mode_of_investigation text,
        received_on date NOT NULL,
        revision integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX matter_kind_idx ON matter (kind)`);
    await q.query(`CREATE INDEX matter_force_idx ON matter (force_id)`);
    await q.query(`CREATE INDEX matter_stage_idx ON matter (stage)`);

    await q.query(`
      CREATE TABLE subject (
        matter_reference text NOT NULL REFERENCES matter (reference) ON DELETE CASCADE,
        subject_id text NOT NULL,
        workflow_id text NOT NULL,
        kind text NOT NULL,
        rank text,
        warrant_number text,
        stage text NOT NULL,
        severity text,
        case_to_answer text,
        form_of_proceedings text,
        outcome text,
        closed_because text,
        status jsonb NOT NULL DEFAULT '{}'::jsonb,
        revision integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (matter_reference, subject_id)
      )`);
    await q.query(`CREATE INDEX subject_warrant_number_idx ON subject (warrant_number)`);
    await q.query(`CREATE INDEX subject_stage_idx ON subject (stage)`);
    await q.query(`CREATE INDEX subject_outcome_idx ON subject (outcome)`);

    await q.query(`
      CREATE TABLE deadline (
        workflow_id text NOT NULL,
        key text NOT NULL,
        matter_reference text NOT NULL,
        subject_id text,
        rule_id text NOT NULL,
        name text NOT NULL,
        regulation text NOT NULL,
        due_date date NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL,
        extensions jsonb NOT NULL DEFAULT '[]'::jsonb,
        PRIMARY KEY (workflow_id, key)
      )`);
    await q.query(`CREATE INDEX deadline_matter_idx ON deadline (matter_reference)`);
    await q.query(`CREATE INDEX deadline_status_due_idx ON deadline (status, due_at)`);

    await q.query(`
      CREATE TABLE audit_entry (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        matter_reference text NOT NULL,
        subject_id text,
        actor text NOT NULL,
        actor_role text NOT NULL,
        action text NOT NULL,
        rule text,
        regulation text,
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        details jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX audit_entry_matter_idx ON audit_entry (matter_reference, id)`);
    // The trail is evidence: the database itself refuses to change or remove an entry.
    await q.query(`
      CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_entry
      FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only()`);

    await q.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        idempotency_key text NOT NULL UNIQUE,
        matter_reference text NOT NULL,
        subject_id text,
        purpose text NOT NULL,
        recipient text NOT NULL,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0,
        not_before timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_message_status_idx ON outbox_message (status, not_before)`);
    await q.query(`CREATE INDEX outbox_message_matter_idx ON outbox_message (matter_reference)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox_message`);
    await q.query(`DROP TRIGGER audit_entry_append_only ON audit_entry`);
    await q.query(`DROP TABLE audit_entry`);
    await q.query(`DROP FUNCTION audit_entry_is_append_only()`);
    await q.query(`DROP TABLE deadline`);
    await q.query(`DROP TABLE subject`);
    await q.query(`DROP TABLE matter`);
  }
}
