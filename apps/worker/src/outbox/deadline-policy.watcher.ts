import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { enqueueOnce, findPolicyEscalationsToWithdraw, findWatchedDeadlines } from '@conduct/persistence';
import { IsoDate, londonDateOf } from '@conduct/domain';
import type { WorkingDayCalendar } from '@conduct/domain/calendar';
import { EscalationPolicyConfig, WatchedDeadline, owedMessages, policyFor } from '@conduct/notifications';

export const ESCALATION_POLICY = Symbol('ESCALATION_POLICY');

/**
 * Applies each force's escalation policy (`ESCALATION_POLICY`) to the deadlines the workflows
 * stored: queues the reminders and escalation steps owed today in the outbox, each once (its key
 * names the deadline, its due date, the step and the recipient). An escalation it sent for a deadline a later
 * step corrected (done in time after all, or not owed) is withdrawn to the same recipient, as the workflows withdraw
 * their own: nobody told of a miss is left believing it. Without a policy it does nothing.
 */
@Injectable()
export class DeadlinePolicyWatcher {
  private readonly calendar: WorkingDayCalendar | null;

  constructor(
    private readonly db: DataSource,
    @Inject(ESCALATION_POLICY) private readonly policy: EscalationPolicyConfig | null,
    calendar?: WorkingDayCalendar,
  ) {
    // The bank-holiday library is loaded only when there is a policy to apply (a dispatcher starts faster without it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    this.calendar = calendar ?? (policy ? (require('@conduct/domain/calendar') as typeof import('@conduct/domain/calendar')).englandAndWalesCalendar() : null);
  }

  /** Returns how many messages it queued. */
  async sweep(today: IsoDate = londonDateOf(Date.now())): Promise<number> {
    if (!this.policy || !this.calendar) return 0;
    const rows = await findWatchedDeadlines(this.db, today);
    let queued = 0;
    for (const r of rows) {
      const policy = policyFor(this.policy, r.force_id);
      if (!policy) continue;
      const d: WatchedDeadline = {
        workflowId: r.workflow_id,
        key: r.key,
        matterReference: r.matter_reference,
        subjectId: r.subject_id,
        name: r.name,
        regulation: r.regulation,
        dueDate: r.due_date,
        status: r.status,
        forceId: r.force_id,
      };
      for (const m of owedMessages(d, policy, today, this.calendar)) {
        const inserted = await enqueueOnce(this.db, { idempotencyKey: m.idempotencyKey, matterReference: m.matterReference, subjectId: m.subjectId, purpose: m.purpose, recipient: m.recipient, payload: m.payload });
        queued += inserted ? 1 : 0;
      }
    }
    for (const e of await findPolicyEscalationsToWithdraw(this.db)) {
      const correction = e.corrections[e.corrections.length - 1] ?? {};
      const { forceId, deadline, dueDate, regulation } = e.payload;
      const inserted = await enqueueOnce(this.db, {
        idempotencyKey: `${e.idempotency_key}:withdrawn`,
        matterReference: e.matter_reference,
        subjectId: e.subject_id,
        purpose: 'escalation-withdrawn',
        recipient: e.recipient,
        payload: { forceId, deadline, dueDate, regulation, status: e.status, occurredAt: correction.occurredAt ?? null, reason: e.status === 'met' ? 'the step was done in time and recorded later' : 'it was not owed' },
      });
      queued += inserted ? 1 : 0;
    }
    return queued;
  }
}
