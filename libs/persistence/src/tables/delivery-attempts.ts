import { Sql, rows } from './sql';

/** The SQL of `delivery_attempt`: one row per attempt to deliver an outbox message: started, then delivered, failed, refused, or interrupted (its dispatcher died). */

/** An attempt begun: its outcome is set when it ends (an attempt left open was cut short by a dispatcher that died). */
export async function beginDeliveryAttempt(sql: Sql, outboxMessageId: string, attempt: number, channel: string): Promise<void> {
  await sql.query(`INSERT INTO delivery_attempt (outbox_message_id, attempt, channel) VALUES ($1, $2, $3)`, [outboxMessageId, attempt, channel]);
}

/** Closes every attempt left open as `interrupted`, and names them. */
export async function interruptOpenAttempts(sql: Sql, outboxMessageId: string): Promise<{ attempt: number; channel: string }[]> {
  return rows<{ attempt: number; channel: string }>(
    await sql.query(
      `UPDATE delivery_attempt SET outcome = 'interrupted', finished_at = now() WHERE outbox_message_id = $1 AND outcome IS NULL RETURNING attempt, channel`,
      [outboxMessageId],
    ),
  );
}

/** An attempt that ended in refusal before anything was sent (an incomplete list report). */
export async function recordRefusedAttempt(sql: Sql, outboxMessageId: string, attempt: number, channel: string, error: string): Promise<void> {
  await sql.query(
    `INSERT INTO delivery_attempt (outbox_message_id, attempt, channel, finished_at, outcome, error) VALUES ($1, $2, $3, now(), 'refused', $4)`,
    [outboxMessageId, attempt, channel, error],
  );
}

export async function finishAttemptDelivered(sql: Sql, outboxMessageId: string, attempt: number): Promise<void> {
  await sql.query(`UPDATE delivery_attempt SET outcome = 'delivered', finished_at = now(), error = NULL WHERE outbox_message_id = $1 AND attempt = $2`, [outboxMessageId, attempt]);
}

export async function finishAttemptFailed(sql: Sql, outboxMessageId: string, attempt: number, error: string): Promise<void> {
  await sql.query(`UPDATE delivery_attempt SET outcome = 'failed', finished_at = now(), error = $3 WHERE outbox_message_id = $1 AND attempt = $2`, [outboxMessageId, attempt, error]);
}

/** Every attempt of one message, in order. */
export async function findDeliveryAttempts(sql: Sql, outboxMessageId: number | string): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT attempt, channel, outcome, error, started_at AS "startedAt", finished_at AS "finishedAt"
     FROM delivery_attempt WHERE outbox_message_id = $1 ORDER BY attempt`,
    [outboxMessageId],
  );
}
