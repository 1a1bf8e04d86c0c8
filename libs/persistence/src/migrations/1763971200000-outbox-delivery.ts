import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery of the outbox: a lease so a crashed dispatcher's claim lapses, the last error (a code,
 * never the receiver's text), the dead-letter time, and one row per delivery attempt.
 */
export class OutboxDelivery1763971200000 implements MigrationInterface {
  name = 'OutboxDelivery1763971200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE outbox_message
        ADD COLUMN lease_until timestamptz,
        ADD COLUMN last_error text,
        ADD COLUMN dead_at timestamptz,
        ADD CONSTRAINT outbox_message_status_check CHECK (status IN ('pending', 'delivered', 'dead')),
        ADD CONSTRAINT outbox_message_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))`);
    await q.query(`CREATE INDEX outbox_message_due_idx ON outbox_message (not_before, id) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE delivery_attempt (
        id bigserial PRIMARY KEY,
        outbox_message_id bigint NOT NULL REFERENCES outbox_message (id),
        attempt integer NOT NULL,
        channel text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        outcome text CHECK (outcome IN ('delivered', 'failed', 'interrupted', 'refused')),
        error text,
        UNIQUE (outbox_message_id, attempt)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_attempt`);
    await q.query(`DROP INDEX outbox_message_due_idx`);
    await q.query(`
      ALTER TABLE outbox_message
        DROP CONSTRAINT outbox_message_delivered_check,
        DROP CONSTRAINT outbox_message_status_check,
        DROP COLUMN dead_at, DROP COLUMN last_error, DROP COLUMN lease_until`);
  }
}
