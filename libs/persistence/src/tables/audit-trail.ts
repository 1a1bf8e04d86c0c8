import { Sql } from './sql';

/** The SQL of `audit_entry`, the append-only audit trail (the database refuses UPDATE and DELETE). */

export interface AuditLine {
  idempotencyKey: string;
  matterReference: string;
  subjectId: string | null;
  actor: string;
  actorRole: string;
  action: string;
  rule: string | null;
  regulation: string | null;
  occurredAt: string;
  details: Record<string, unknown>;
}

/** A workflow's audit lines; a line already written (same idempotency key) is left as it is. */
export async function appendAudit(sql: Sql, lines: AuditLine[]): Promise<void> {
  for (const a of lines) {
    await sql.query(
      `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (idempotency_key) DO NOTHING`,
      [a.idempotencyKey, a.matterReference, a.subjectId, a.actor, a.actorRole, a.action, a.rule, a.regulation, a.occurredAt, JSON.stringify(a.details)],
    );
  }
}

/** A line written by the outbox dispatcher (actor `outbox-dispatcher`, role `system`, now), once per key. */
export async function appendDispatcherAudit(
  sql: Sql,
  a: { idempotencyKey: string; matterReference: string; subjectId: string | null; action: string; rule: string | null; regulation: string | null; details: Record<string, unknown> },
): Promise<void> {
  await sql.query(
    `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
     VALUES ($1, $2, $3, 'outbox-dispatcher', 'system', $4, $5, $6, now(), $7) ON CONFLICT (idempotency_key) DO NOTHING`,
    [a.idempotencyKey, a.matterReference, a.subjectId, a.action, a.rule, a.regulation, JSON.stringify(a.details)],
  );
}

/** A read of a subject's list reports (action `list-report-read`, now). Its key is unique per read: no ON CONFLICT. */
export async function appendListReportRead(
  sql: Sql,
  a: { idempotencyKey: string; matterReference: string; subjectId: string; actor: string; actorRole: string; regulation: string; details: Record<string, unknown> },
): Promise<void> {
  await sql.query(
    `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
     VALUES ($1, $2, $3, $4, $5, 'list-report-read', NULL, $6, now(), $7)`,
    [a.idempotencyKey, a.matterReference, a.subjectId, a.actor, a.actorRole, a.regulation, JSON.stringify(a.details)],
  );
}

/**
 * A read of a person's record (action `person-read`, now): one line on each matter the record joins, so each matter's
 * trail says who read the person's history. Keys are unique per read: no ON CONFLICT.
 */
export async function appendPersonRead(
  sql: Sql,
  a: { readId: string; personId: string; matters: readonly { matterReference: string; subjectId: string }[]; actor: string; actorRole: string; regulation: string; details: Record<string, unknown> },
): Promise<void> {
  await appendPersonLines(sql, 'person-read', a.readId, a);
}

/**
 * A person's protected characteristics recorded (action `person-characteristics-recorded`, now): one line on each
 * matter the person was subject to. The details name the fields given and the source, never the values.
 */
export async function appendPersonCharacteristicsRecorded(
  sql: Sql,
  a: { recordId: string; personId: string; matters: readonly { matterReference: string; subjectId: string }[]; actor: string; actorRole: string; regulation: string; details: { fields: readonly string[]; source: string } & Record<string, unknown> },
): Promise<void> {
  await appendPersonLines(sql, 'person-characteristics-recorded', a.recordId, a);
}

async function appendPersonLines(
  sql: Sql,
  action: string,
  id: string,
  a: { personId: string; matters: readonly { matterReference: string; subjectId: string }[]; actor: string; actorRole: string; regulation: string; details: Record<string, unknown> },
): Promise<void> {
  for (const [i, m] of a.matters.entries()) {
    await sql.query(
      `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, now(), $8)`,
      [`${action}:${id}:${i}`, m.matterReference, m.subjectId, a.actor, a.actorRole, action, a.regulation, JSON.stringify({ ...a.details, personId: a.personId })],
    );
  }
}

/** A matter's audit trail, in the order it was written. */
export async function findAuditTrail(sql: Sql, matterReference: string): Promise<Record<string, unknown>[]> {
  return sql.query(`SELECT * FROM audit_entry WHERE matter_reference = $1 ORDER BY id`, [matterReference]);
}

/** A matter's decisions as its audit trail has them (actions `decision:*`): who, when and why, in the order recorded. */
export async function findDecisions(sql: Sql, matterReference: string): Promise<Record<string, unknown>[]> {
  return sql.query(
    `SELECT subject_id, actor, actor_role, action, occurred_at, recorded_at, details->>'rationale' AS rationale
       FROM audit_entry WHERE matter_reference = $1 AND action LIKE 'decision:%' ORDER BY id`,
    [matterReference],
  );
}
