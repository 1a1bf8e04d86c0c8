import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type {
  AuditRecord,
  Deadline,
  MatterSnapshot,
  OutboxRecord,
  ProceedingsActivities,
  RecommendationSnapshot,
  RecordChange,
  SubjectSnapshot,
} from '@conduct/workflows';

/**
 * Writes what a workflow decided: the projection people search, the audit trail and the outbox, in
 * one transaction. Every write is idempotent (revision guard, unique keys), because Temporal retries
 * an activity whose result it did not hear. They run as local activities, so an attempt can also be
 * re-run by a retried workflow task; it carries the same revision and content (the workflow is
 * deterministic), and the guard lets the same revision be written again, so the last attempt's row stands.
 */
@Injectable()
export class RecordChangeActivities implements ProceedingsActivities {
  constructor(private readonly db: DataSource) {}

  async recordMatterChange({ snapshot: m, audit, outbox }: RecordChange<MatterSnapshot>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const applied = await tx.query(
        `INSERT INTO matter (reference, workflow_id, kind, regime, force_id, stage, appropriate_authority,
                             iopc_referral_required, mode_of_investigation, received_on, revision)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
         ON CONFLICT (reference) DO UPDATE SET
           stage = EXCLUDED.stage, mode_of_investigation = EXCLUDED.mode_of_investigation,
           revision = EXCLUDED.revision, updated_at = now()
         WHERE matter.revision <= EXCLUDED.revision
         RETURNING reference`,
        [m.reference, m.workflowId, m.kind, m.regime, m.forceId, m.stage, m.appropriateAuthority, m.iopcReferralRequired, m.modeOfInvestigation, m.receivedOn, m.revision],
      );
      if (applied.length) await replaceDeadlines(tx, m.workflowId, m.reference, null, m.deadlines);
      await appendAudit(tx, audit);
      await enqueue(tx, outbox);
    });
  }

  async recordSubjectChange({ snapshot: s, audit, outbox }: RecordChange<SubjectSnapshot>): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query(`SELECT stage FROM subject WHERE matter_reference = $1 AND subject_id = $2 FOR UPDATE`, [s.matterReference, s.subjectId]);
      const applied = await tx.query(
        `INSERT INTO subject (matter_reference, subject_id, workflow_id, kind, rank, warrant_number, stage, severity,
                              case_to_answer, form_of_proceedings, outcome, closed_because, status, revision)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
         ON CONFLICT (matter_reference, subject_id) DO UPDATE SET
           stage = EXCLUDED.stage, severity = EXCLUDED.severity, case_to_answer = EXCLUDED.case_to_answer,
           form_of_proceedings = EXCLUDED.form_of_proceedings, outcome = EXCLUDED.outcome,
           closed_because = EXCLUDED.closed_because, status = EXCLUDED.status,
           revision = EXCLUDED.revision, updated_at = now()
         WHERE subject.revision <= EXCLUDED.revision
         RETURNING subject_id`,
        [s.matterReference, s.subjectId, s.workflowId, s.kind, s.rank, s.warrantNumber, s.stage, s.severity, s.caseToAnswer, s.formOfProceedings, s.outcome, s.closedBecause, JSON.stringify(s.status), s.revision],
      );
      if (applied.length) await replaceDeadlines(tx, s.workflowId, s.matterReference, s.subjectId, s.deadlines);
      if (applied.length && before?.stage !== s.stage) {
        // When it happened in the world (the event's occurredAt), not when it was recorded.
        await tx.query(
          `INSERT INTO stage_transition (matter_reference, subject_id, from_stage, to_stage, at, revision)
           VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now()), $6) ON CONFLICT DO NOTHING`,
          [s.matterReference, s.subjectId, before?.stage ?? null, s.stage, audit[0]?.occurredAt ?? null, s.revision],
        );
      }
      await appendAudit(tx, audit);
      await enqueue(tx, outbox);
    });
  }

  async recordRecommendationChange(change: RecommendationSnapshot & { audit: AuditRecord[]; outbox: OutboxRecord[] }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await replaceDeadlines(tx, `recommendation-${change.reference}`, change.matterReference, null, change.deadlines);
      await appendAudit(tx, change.audit);
      await enqueue(tx, change.outbox);
    });
  }
}

async function replaceDeadlines(tx: EntityManager, workflowId: string, matterReference: string, subjectId: string | null, deadlines: Deadline[]): Promise<void> {
  await tx.query(`DELETE FROM deadline WHERE workflow_id = $1`, [workflowId]);
  if (!deadlines.length) return;
  const values: unknown[] = [];
  const rows = deadlines.map((d, i) => {
    values.push(workflowId, d.key, matterReference, subjectId, d.ruleId, d.name, d.regulation, d.dueDate, d.dueAt, d.status, JSON.stringify(d.extensions));
    const o = i * 11;
    return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6},$${o + 7},$${o + 8},$${o + 9},$${o + 10},$${o + 11})`;
  });
  await tx.query(
    `INSERT INTO deadline (workflow_id, key, matter_reference, subject_id, rule_id, name, regulation, due_date, due_at, status, extensions)
     VALUES ${rows.join(',')}`,
    values,
  );
}

async function appendAudit(tx: EntityManager, lines: AuditRecord[]): Promise<void> {
  for (const a of lines) {
    await tx.query(
      `INSERT INTO audit_entry (idempotency_key, matter_reference, subject_id, actor, actor_role, action, rule, regulation, occurred_at, details)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) ON CONFLICT (idempotency_key) DO NOTHING`,
      [a.idempotencyKey, a.matterReference, a.subjectId, a.actor, a.actorRole, a.action, a.rule, a.regulation, a.occurredAt, JSON.stringify(a.details)],
    );
  }
}

async function enqueue(tx: EntityManager, messages: OutboxRecord[]): Promise<void> {
  for (const m of messages) {
    await tx.query(
      `INSERT INTO outbox_message (idempotency_key, matter_reference, subject_id, purpose, recipient, payload, not_before)
       VALUES ($1,$2,$3,$4,$5,$6,COALESCE($7::timestamptz, now())) ON CONFLICT (idempotency_key) DO NOTHING`,
      [m.idempotencyKey, m.matterReference, m.subjectId, m.purpose, m.recipient, JSON.stringify(m.payload), m.notBefore ?? null],
    );
  }
}
