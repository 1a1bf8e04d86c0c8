import { Sql, rows } from './sql';

/**
 * The SQL of `outbox_message`: what is to be sent, written with the fact that caused it, and its
 * delivery state (pending, delivered or dead). Every message has an idempotency key (matter, subject and purpose),
 * so the same message is never queued twice. While `lease_until` is set and in the future one dispatcher holds the
 * message; `last_error` is a classification (`http-503`, `timeout`, `no-route`, `incomplete: fullName`), never a
 * receiver's text.
 */

export interface OutboxInsert {
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  purpose: string;
  recipient: string;
  payload: Record<string, unknown>;
  /** Not before this instant (default: now). */
  notBefore?: string;
}

/** A claimed message, as stored. */
export interface OutboxRow {
  id: string;
  idempotency_key: string;
  matter_reference: string;
  subject_id: string | null;
  purpose: string;
  recipient: string;
  payload: Record<string, unknown>;
}

// ---- Queuing ------------------------------------------------------------------------------------------

/** A workflow's messages; one already queued (same key) is left as it is. */
export async function enqueue(sql: Sql, messages: OutboxInsert[]): Promise<void> {
  for (const m of messages) {
    await sql.query(
      `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload, not_before)
       VALUES ($1,$2,$3,$4,$5,$6,COALESCE($7::timestamptz, now())) ON CONFLICT (idempotency_key) DO NOTHING`,
      [m.idempotencyKey, m.matterReference, m.subjectId, m.purpose, m.recipient, JSON.stringify(m.payload), m.notBefore ?? null],
    );
  }
}

/** One message, due now, unless already queued. Returns whether it was queued now. */
export async function enqueueOnce(sql: Sql, m: Omit<OutboxInsert, 'notBefore'>): Promise<boolean> {
  const inserted = await sql.query(
    `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
    [m.idempotencyKey, m.matterReference, m.subjectId, m.purpose, m.recipient, JSON.stringify(m.payload)],
  );
  return inserted.length > 0;
}

/** An escalation to the appropriate authority about a message, once per key. */
export async function enqueueEscalation(sql: Sql, e: { idempotencyKey: string; matterReference: string; subjectId: string | null; payload: Record<string, unknown> }): Promise<void> {
  await sql.query(
    `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload)
     VALUES ($1, $2, $3, 'escalation', 'appropriate-authority', $4) ON CONFLICT (idempotency_key) DO NOTHING`,
    [e.idempotencyKey, e.matterReference, e.subjectId, JSON.stringify(e.payload)],
  );
}

/** An escalation (`<key>:overdue`) for each list report not delivered by its due date, once. Returns how many were queued. */
export async function enqueueOverdueListReportEscalations(sql: Sql, listReportPurposes: readonly string[]): Promise<number> {
  const inserted = rows(
    await sql.query(
      `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload)
       SELECT o.idempotency_key || ':overdue', o.matter_reference, o.subject_id, 'escalation', 'appropriate-authority',
              jsonb_build_object('forceId', o.payload->>'forceId', 'about', o.purpose, 'outboxId', o.id,
                'deadline', o.purpose || ' not delivered by its due date', 'dueDate', o.payload->>'dueDate',
                'regulation', o.payload->>'regulation')
       FROM outbox_message o
       WHERE o.purpose = ANY($1) AND o.status <> 'delivered' AND o.payload ? 'dueDate'
         AND (o.payload->>'dueDate')::date < (now() AT TIME ZONE 'Europe/London')::date
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id`,
      [listReportPurposes],
    ),
  );
  return inserted.length;
}

// ---- Delivery: the lease, and the state a message moves through ----------------------------------------

/**
 * Claims up to `batchSize` due messages for `leaseMs` (`FOR UPDATE SKIP LOCKED`, so several dispatchers
 * never claim the same row; a dead dispatcher's lease lapses).
 */
export async function claimDue(sql: Sql, batchSize: number, leaseMs: number): Promise<OutboxRow[]> {
  return rows<OutboxRow>(
    await sql.query(
      `WITH due AS (
         SELECT id FROM outbox_message
         WHERE status = 'pending' AND not_before <= now() AND (lease_until IS NULL OR lease_until <= now())
         ORDER BY not_before, id LIMIT $1 FOR UPDATE SKIP LOCKED)
       UPDATE outbox_message o SET lease_until = now() + make_interval(secs => $2::double precision / 1000)
       FROM due WHERE o.id = due.id
       RETURNING o.id, o.idempotency_key, o.matter_reference, o.subject_id, o.purpose, o.recipient, o.payload`,
      [batchSize, leaseMs],
    ),
  );
}

/** No route: released, `no-route`, and looked at again after `recheckMs`. */
export async function leaveUnrouted(sql: Sql, id: string, recheckMs: number): Promise<void> {
  await sql.query(
    `UPDATE outbox_message SET lease_until = NULL, last_error = 'no-route',
       not_before = now() + make_interval(secs => $2::double precision / 1000) WHERE id = $1 AND status = 'pending'`,
    [id, recheckMs],
  );
}

/** Counts an attempt on a pending message; returns its number, or null when the message is no longer pending. */
export async function countAttempt(sql: Sql, id: string): Promise<number | null> {
  const updated = rows<{ attempts: number }>(await sql.query(`UPDATE outbox_message SET attempts = attempts + 1 WHERE id = $1 AND status = 'pending' RETURNING attempts`, [id]));
  return updated.length ? updated[0].attempts : null;
}

/** Refused (an incomplete list report): dead at once, the attempt counted. Returns its number, or null when no longer pending. */
export async function markRefused(sql: Sql, id: string, error: string): Promise<number | null> {
  const updated = rows<{ attempts: number }>(
    await sql.query(
      `UPDATE outbox_message SET status = 'dead', dead_at = now(), lease_until = NULL, last_error = $2, attempts = attempts + 1
       WHERE id = $1 AND status = 'pending' RETURNING attempts`,
      [id, error],
    ),
  );
  return updated.length ? updated[0].attempts : null;
}

/** Delivered, once (`WHERE status = 'pending'`). Returns whether this call marked it. */
export async function markDelivered(sql: Sql, id: string): Promise<boolean> {
  const updated = rows(
    await sql.query(
      `UPDATE outbox_message SET status = 'delivered', delivered_at = now(), lease_until = NULL, last_error = NULL
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id],
    ),
  );
  return updated.length > 0;
}

/** A failed attempt: dead, or pending again after `delayMs`. Returns whether the message was still pending. */
export async function markFailed(sql: Sql, id: string, error: string, dead: boolean, delayMs: number): Promise<boolean> {
  const updated = rows(
    await sql.query(
      `UPDATE outbox_message SET last_error = $2, lease_until = NULL,
         status = CASE WHEN $3 THEN 'dead' ELSE 'pending' END,
         dead_at = CASE WHEN $3 THEN now() END,
         not_before = CASE WHEN $3 THEN not_before ELSE now() + make_interval(secs => $4::double precision / 1000) END
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, error, dead, delayMs],
    ),
  );
  return updated.length > 0;
}

// ---- Reads --------------------------------------------------------------------------------------------

/** What the outbox holds and how its delivery went, without the payloads (they may hold personal data). */
const COLUMNS = `id, idempotency_key AS "idempotencyKey", matter_reference AS "matterReference", subject_id AS "subjectId",
  purpose, recipient, payload->>'forceId' AS "forceId", status, attempts, last_error AS "lastError", not_before AS "notBefore",
  created_at AS "createdAt", delivered_at AS "deliveredAt", dead_at AS "deadAt"`;

/** Newest first, by status (null: any) and the forces visible (null: all); `beforeId` continues a page (keyset, by id). */
export async function listMessages(sql: Sql, q: { status: string | null; limit: number; forces: string[] | null; beforeId?: number }): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT ${COLUMNS} FROM outbox_message
     WHERE ($1::text IS NULL OR status = $1) AND ($3::text[] IS NULL OR payload->>'forceId' = ANY($3)) AND ($4::bigint IS NULL OR id < $4)
     ORDER BY id DESC LIMIT $2`,
    [q.status, q.limit, q.forces, q.beforeId ?? null],
  );
}

/** One message, without its payload, or undefined. */
export async function findMessage(sql: Sql, id: number | string): Promise<Record<string, unknown> | undefined> {
  const [message] = await sql.query(`SELECT ${COLUMNS} FROM outbox_message WHERE id = $1`, [id]);
  return message;
}

/** A matter's messages, with `personalFields` left out of the payloads of `listReportPurposes`. */
export async function findMatterMessages(sql: Sql, matterReference: string, listReportPurposes: readonly string[], personalFields: readonly string[]): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT id, subject_id AS "subjectId", purpose, recipient,
            CASE WHEN purpose = ANY($2) THEN payload - $3::text[] ELSE payload END AS payload,
            status, attempts, last_error AS "lastError",
            created_at AS "createdAt", delivered_at AS "deliveredAt", dead_at AS "deadAt"
     FROM outbox_message WHERE matter_reference = $1 ORDER BY id`,
    [matterReference, listReportPurposes, personalFields],
  );
}

/** A subject's list reports, whole (payload as `report`). */
export async function findListReports(sql: Sql, matterReference: string, subjectId: string, listReportPurposes: readonly string[]): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT id, purpose, recipient, payload AS report, payload->>'dueDate' AS "dueDate", status, attempts, last_error AS "lastError",
            created_at AS "createdAt", delivered_at AS "deliveredAt", dead_at AS "deadAt"
     FROM outbox_message WHERE matter_reference = $1 AND subject_id = $2 AND purpose = ANY($3) ORDER BY id`,
    [matterReference, subjectId, listReportPurposes],
  );
}
