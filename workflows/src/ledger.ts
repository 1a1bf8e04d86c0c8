/**
 * The lines a workflow writes to the audit trail and the messages it queues in the outbox, with their
 * idempotency keys: a change written again (a retried local activity, a replayed workflow task) carries the
 * same keys, so it is stored once. The keys are the ones the workflows always wrote: changing one would write
 * a second line or send a second message for a change a running workflow already recorded.
 */
import type { AuditRecord, OutboxRecord } from './types';

/** Whose lines and messages these are: the workflow that writes them, its matter, and the subject (a track's) or none. */
export interface Ledger {
  workflowId: string;
  matterReference: string;
  subjectId: string | null;
}

/** The key of a line written once in a workflow's life (the referral, a judgement's correction). */
export function onceKey(l: Ledger, action: string): string {
  return `${l.workflowId}:${action}`;
}

/** The key of a command's line: the command's own id (its Idempotency-Key), else the update's. */
export function commandKey(l: Ledger, id: string): string {
  return `${l.workflowId}:${id}`;
}

/** The key of a line the system writes with a change (a timer, a close): the action and the revision the change makes. */
export function revisionKey(l: Ledger, action: string, revision: number): string {
  return `${l.workflowId}:${action}:${revision}`;
}

/** The key of the line an import writes for a message it did not send (it belonged to the past). */
export function withheldKey(l: Ledger, messageKey: string): string {
  return `${l.workflowId}:imported-message-not-sent:${messageKey}`;
}

/** An audit line, keyed as written once (onceKey) unless `over` gives its key; no rule or details unless given. */
export function auditLine(l: Ledger, action: string, actor: { id: string; role: string }, occurredAt: string, over: Partial<Pick<AuditRecord, 'idempotencyKey' | 'rule' | 'regulation' | 'details'>> = {}): AuditRecord {
  return { idempotencyKey: onceKey(l, action), matterReference: l.matterReference, subjectId: l.subjectId, actor: actor.id, actorRole: actor.role, action, rule: null, regulation: null, occurredAt, details: {}, ...over };
}

/**
 * A message for the outbox, keyed by the sender's prefix and the whole `purpose` (which may name the deadline,
 * the recipient, the due date: 'escalation:timeliness-report-2'); the purpose the dispatcher routes on is its first part.
 */
export function outboxMessage(l: Ledger, keyPrefix: string, purpose: string, recipient: string, payload: Record<string, unknown>): OutboxRecord {
  return { idempotencyKey: `${keyPrefix}:${purpose}`, matterReference: l.matterReference, subjectId: l.subjectId, purpose: purpose.split(':')[0], recipient, payload };
}
