import { refreshNextDeadline } from './next-deadline';
import { Sql } from './sql';

/** The SQL of `deadline`: each workflow's deadlines as it last set them. The due date is stored, never recomputed. */

export interface DeadlineRow {
  key: string;
  ruleId: string;
  name: string;
  regulation: string;
  dueDate: string;
  dueAt: string;
  status: string;
  extensions: unknown[];
  /** When the step that settled it happened (its occurredAt), however late it was recorded. */
  settledAt?: string;
  corrections?: unknown[];
}

/** Replaces the workflow's deadlines with these (the workflow's state is the whole truth). */
export async function replaceDeadlines(sql: Sql, workflowId: string, matterReference: string, subjectId: string | null, deadlines: DeadlineRow[]): Promise<void> {
  await sql.query(`DELETE FROM deadline WHERE workflow_id = $1`, [workflowId]);
  if (deadlines.length) await insertDeadlines(sql, workflowId, matterReference, subjectId, deadlines);
  await refreshNextDeadline(sql, matterReference);
}

async function insertDeadlines(sql: Sql, workflowId: string, matterReference: string, subjectId: string | null, deadlines: DeadlineRow[]): Promise<void> {
  const values: unknown[] = [];
  const rows = deadlines.map((d, i) => {
    values.push(workflowId, d.key, matterReference, subjectId, d.ruleId, d.name, d.regulation, d.dueDate, d.dueAt, d.status, JSON.stringify(d.extensions), d.settledAt ?? null, JSON.stringify(d.corrections ?? []));
    const o = i * 13;
    return `(${Array.from({ length: 13 }, (_, k) => `$${o + k + 1}`).join(',')})`;
  });
  await sql.query(
    `INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status, extensions, settled_at, corrections)
     VALUES ${rows.join(',')}`,
    values,
  );
}

/** Every deadline of a matter (its own and its subjects'), soonest first. */
export async function findMatterDeadlines(sql: Sql, matterReference: string): Promise<Record<string, unknown>[]> {
  return sql.query(`SELECT * FROM deadline WHERE matter_reference = $1 ORDER BY due_at`, [matterReference]);
}

/** What the escalation policy looks at: open or missed deadlines not yet done (a step done late settles a missed one) from 100 days before today to 120 after, with the matter's force. */
export interface WatchedDeadlineRow {
  workflow_id: string;
  key: string;
  matter_reference: string;
  subject_id: string | null;
  name: string;
  regulation: string;
  due_date: string;
  status: string;
  force_id: string;
}

export async function findWatchedDeadlines(sql: Sql, today: string): Promise<WatchedDeadlineRow[]> {
  return sql.query(
    `SELECT d.workflow_id, d.key, d.matter_reference, d.subject_id, d.name, d.regulation, d.due_date, d.status, m.force_id
     FROM deadline d JOIN matter m ON m.reference = d.matter_reference
     WHERE d.status IN ('open', 'missed') AND d.settled_at IS NULL AND d.due_date BETWEEN $1::date - 100 AND $1::date + 120
     ORDER BY d.due_date, d.workflow_id, d.key`,
    [today],
  );
}

/** An escalation the policy sent for a deadline since corrected (met after all, or not owed), with no withdrawal queued yet. */
export interface PolicyEscalationToWithdraw {
  idempotency_key: string;
  matter_reference: string;
  subject_id: string | null;
  recipient: string;
  payload: Record<string, unknown>;
  status: string;
  corrections: { occurredAt?: string; to?: string }[];
}

/**
 * The escalation policy's escalations (keyed `<workflow>:<deadline>:<due date>:policy-escalation:…`, see
 * owedMessages) of deadlines a later step corrected, each still owed its withdrawal (keyed `<escalation>:withdrawn`).
 * Corrected deadlines are few; each is matched to its matter's escalations by the matter's index.
 */
export async function findPolicyEscalationsToWithdraw(sql: Sql): Promise<PolicyEscalationToWithdraw[]> {
  return sql.query(
    `SELECT o.idempotency_key, o.matter_reference, o.subject_id, o.recipient, o.payload, d.status, d.corrections
     FROM deadline d
     JOIN outbox_message o ON o.matter_reference = d.matter_reference AND o.purpose = 'escalation'
      AND starts_with(o.idempotency_key, d.workflow_id || ':' || d.key || ':' || to_char(d.due_date, 'YYYY-MM-DD') || ':policy-escalation:')
     WHERE d.status IN ('met', 'cancelled') AND jsonb_array_length(COALESCE(d.corrections, '[]'::jsonb)) > 0
      AND NOT EXISTS (SELECT 1 FROM outbox_message w WHERE w.idempotency_key = o.idempotency_key || ':withdrawn')
     ORDER BY o.id`,
  );
}
