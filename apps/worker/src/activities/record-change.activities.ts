import { Injectable } from '@nestjs/common';
import { setting } from '@conduct/config';
import { DataSource } from 'typeorm';
import { inSpan } from '@conduct/temporal/worker';
import { appendAudit, enqueue, linkSubjectToPerson, lockSubjectStage, recordAllegationFindings, recordStageTransition, replaceDeadlines, upsertAllegations, upsertMatter, upsertSubject, type AllegationFindingRow } from '@conduct/persistence';
import { allocationQueueOf, londonDateOf, personNumberOf } from '@conduct/domain';
import type {
  AuditRecord,
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
      await inSpan('projection: matter', { 'conduct.revision': m.revision }, async () => {
        // The queue its unallocated work waits in: a specialist unit's, where the force routes one of its allegations' categories.
        const applied = await upsertMatter(tx, { ...m, allocationQueue: allocationQueueOf(m, setting('ALLOCATION_ROUTES')) });
        if (applied) await replaceDeadlines(tx, m.workflowId, m.reference, null, m.deadlines);
        // Allegations are only added: each written once, with whom it is against.
        if (m.allegations?.length) await upsertAllegations(tx, m.reference, m.allegations);
        await appendAudit(tx, audit);
      });
      await inSpan('outbox: enqueue', { 'conduct.messages': outbox.length }, () => enqueue(tx, outbox));
    });
  }

  async recordSubjectChange({ snapshot: s, audit, outbox }: RecordChange<SubjectSnapshot>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await inSpan('projection: subject', { 'conduct.revision': s.revision }, async () => {
        const before = await lockSubjectStage(tx, s.matterReference, s.subjectId);
        const applied = await upsertSubject(tx, s);
        if (applied) await replaceDeadlines(tx, s.workflowId, s.matterReference, s.subjectId, s.deadlines);
        // The subject's person, matched or created with the row itself: never a subject half-linked.
        const n = personNumberOf(s);
        if (applied && n) await linkSubjectToPerson(tx, s.matterReference, s.subjectId, n);
        if (applied && before?.stage !== s.stage) {
          // When it happened in the world (the event's occurredAt), not when it was recorded.
          await recordStageTransition(tx, { matterReference: s.matterReference, subjectId: s.subjectId, fromStage: before?.stage ?? null, toStage: s.stage, at: audit[0]?.occurredAt ?? null, revision: s.revision });
        }
        // The finding on each allegation, as the outcome's audit line records it (or an appeal allowed, replacing it), on the day it was decided.
        for (const line of audit) {
          const findings = line.action === 'decision:outcome' || line.action === 'decision:appeal-determination' ? (line.details.allegationFindings as AllegationFindingRow[] | undefined) : undefined;
          if (findings?.length) await recordAllegationFindings(tx, s.matterReference, s.subjectId, londonDateOf(line.occurredAt), findings);
        }
        await appendAudit(tx, audit);
      });
      await inSpan('outbox: enqueue', { 'conduct.messages': outbox.length }, () => enqueue(tx, outbox));
    });
  }

  async recordRecommendationChange(change: RecommendationSnapshot & { audit: AuditRecord[]; outbox: OutboxRecord[] }): Promise<void> {
    await this.db.transaction(async (tx) => {
      await inSpan('projection: recommendation', {}, async () => {
        await replaceDeadlines(tx, `recommendation-${change.reference}`, change.matterReference, null, change.deadlines);
        await appendAudit(tx, change.audit);
      });
      await inSpan('outbox: enqueue', { 'conduct.messages': change.outbox.length }, () => enqueue(tx, change.outbox));
    });
  }
}
