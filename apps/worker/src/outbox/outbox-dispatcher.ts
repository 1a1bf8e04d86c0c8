import { Inject, Injectable } from '@nestjs/common';
import { setting } from '@conduct/config';
import { LIST_REPORTS } from '@conduct/domain';
import { logLine } from '@conduct/logging';
import { DataSource } from 'typeorm';
import {
  OutboxRow,
  Sql,
  appendDispatcherAudit,
  beginDeliveryAttempt,
  claimDue,
  countAttempt,
  enqueueEscalation,
  enqueueOverdueListReportEscalations,
  findListReportFields,
  finishAttemptDelivered,
  finishAttemptFailed,
  interruptOpenAttempts,
  leaveUnrouted,
  markDelivered,
  markFailed,
  markRefused,
  recordRefusedAttempt,
} from '@conduct/persistence';
import {
  Channel,
  ChannelDirectory,
  DeliveryError,
  OutgoingMessage,
  TEMPLATES,
  missingFields,
  render,
} from '@conduct/notifications';
import { DeadlinePolicyWatcher } from './deadline-policy.watcher';

export interface DispatcherSettings {
  pollMs: number;
  batchSize: number;
  /** How long a claim holds a message; longer than a channel's timeout, so only a dead dispatcher's claim lapses. */
  leaseMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A message with no route is looked at again after this long. */
  unroutedRecheckMs: number;
  /** How often list reports past their due date are escalated, and the escalation policy applied. */
  overdueSweepMs: number;
}

export function dispatcherSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DispatcherSettings {
  return {
    pollMs: setting('OUTBOX_POLL_MS', env),
    batchSize: setting('OUTBOX_BATCH_SIZE', env),
    leaseMs: setting('OUTBOX_LEASE_MS', env),
    maxAttempts: setting('OUTBOX_MAX_ATTEMPTS', env),
    backoffBaseMs: setting('OUTBOX_BACKOFF_BASE_MS', env),
    backoffMaxMs: setting('OUTBOX_BACKOFF_MAX_MS', env),
    unroutedRecheckMs: setting('OUTBOX_UNROUTED_RECHECK_MS', env),
    overdueSweepMs: setting('OUTBOX_OVERDUE_SWEEP_MS', env),
  };
}

export type LogLine = Record<string, unknown> & { level: 'info' | 'warn' | 'error'; message: string };
export const DISPATCHER_SETTINGS = Symbol('DISPATCHER_SETTINGS');
export const DISPATCHER_LOG = Symbol('DISPATCHER_LOG');
export const jsonLog = ({ level, message, ...fields }: LogLine) => logLine('outbox', level, message, fields);

/** Exponential back-off with jitter: base·2^(n-1), capped, then between half and all of it. */
export function backoffMs(attempt: number, s: Pick<DispatcherSettings, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const full = Math.min(s.backoffMaxMs, s.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}

/**
 * Delivers the outbox. It claims due messages with a lease (`FOR UPDATE SKIP LOCKED`, so several
 * dispatchers never claim the same row), sends each through its route's channel, and records every
 * attempt (a `delivery_attempt` row and an audit line) in short transactions around the send. A
 * message is marked delivered once (`WHERE status = 'pending'`); a failure is retried with
 * exponential back-off until `maxAttempts`, then dead-lettered and logged, never dropped. A crash
 * between the send and the mark re-sends after the lease lapses, with the same idempotency key,
 * for the receiver to dedupe. Logs carry ids, purposes, roles and error codes: never a payload.
 */
@Injectable()
export class OutboxDispatcher {
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private lastSweep = 0;

  constructor(
    private readonly db: DataSource,
    private readonly channels: ChannelDirectory,
    @Inject(DISPATCHER_SETTINGS) private readonly settings: DispatcherSettings,
    @Inject(DISPATCHER_LOG) private readonly log: (line: LogLine) => void = jsonLog,
    private readonly policy: DeadlinePolicyWatcher | null = null,
  ) {}

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
    this.log({ level: 'info', message: 'outbox dispatcher started' });
  }

  /** Finishes the deliveries in hand (each bounded by its channel's timeout), then stops. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
    this.channels.close();
    this.log({ level: 'info', message: 'outbox dispatcher stopped' });
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let claimed = 0;
      try {
        if (Date.now() - this.lastSweep >= this.settings.overdueSweepMs) {
          await this.escalateOverdueListReports();
          const queued = (await this.policy?.sweep()) ?? 0;
          if (queued) this.log({ level: 'info', message: 'escalation policy: reminders and escalations queued', count: queued });
          this.lastSweep = Date.now();
        }
        claimed = await this.dispatchOnce();
        failures = 0;
      } catch (err) {
        failures += 1;
        this.log({ level: 'warn', message: 'outbox dispatch round failed; retrying', error: errorCode(err), failures });
      }
      if (claimed < this.settings.batchSize) await this.sleep(failures ? Math.min(this.settings.pollMs * 2 ** failures, 10_000) : this.settings.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  /** One round: claim up to a batch of due messages and deliver them. Returns how many were claimed. */
  async dispatchOnce(): Promise<number> {
    const claimed = await claimDue(this.db, this.settings.batchSize, this.settings.leaseMs);
    await Promise.all(
      claimed.map((r) =>
        this.deliver(toMessage(r)).catch((err) =>
          // The lease lapses and the message is tried again: nothing is lost.
          this.log({ level: 'warn', message: 'outbox delivery not recorded; the lease will lapse and it will be retried', outboxId: r.id, purpose: r.purpose, error: errorCode(err) }),
        ),
      ),
    );
    return claimed.length;
  }

  private async deliver(m: OutgoingMessage): Promise<void> {
    let channel: Channel | null;
    try {
      channel = this.channels.channelFor(forceOf(m), m.recipient);
    } catch {
      channel = null;
    }
    if (!channel) return this.leaveUnrouted(m);

    if (isListReport(m.purpose)) {
      const report = await this.completeListReport(m);
      const missing = missingFields(m.purpose, report);
      if (missing.length) return this.refuseIncompleteReport(m, channel.kind, missing);
      m = { ...m, payload: report };
    }

    const attempt = await this.beginAttempt(m, channel.kind);
    if (attempt === null) return;
    try {
      await channel.send(m, render(m));
    } catch (err) {
      return this.recordFailure(m, attempt, channel.kind, err instanceof DeliveryError ? err : new DeliveryError(errorCode(err), true));
    }
    await this.recordDelivered(m, attempt, channel.kind);
  }

  private async leaveUnrouted(m: OutgoingMessage): Promise<void> {
    await leaveUnrouted(this.db, m.id, this.settings.unroutedRecheckMs);
    this.log({ level: 'warn', message: 'outbox message has no route: left pending', outboxId: m.id, purpose: m.purpose, recipient: m.recipient, forceId: forceOf(m) });
  }

  /** The report as the regulations require it: the workflow's payload, completed from the subject's projection. */
  private async completeListReport(m: OutgoingMessage): Promise<Record<string, unknown>> {
    const report = { ...m.payload };
    if (m.subjectId) {
      const s = await findListReportFields(this.db, m.matterReference, m.subjectId);
      if (s) {
        report.rank ??= s.rank;
        report.warrantNumber ??= s.warrant_number;
      }
    }
    return report;
  }

  /** Never send an incomplete list report: refuse it, name the fields, and escalate to the appropriate authority. */
  private async refuseIncompleteReport(m: OutgoingMessage, channel: string, missing: string[]): Promise<void> {
    const error = `incomplete: ${missing.join(', ')}`;
    await this.db.transaction(async (tx) => {
      const attempt = await markRefused(tx, m.id, error);
      if (attempt === null) return;
      await recordRefusedAttempt(tx, m.id, attempt, channel, error);
      await audit(tx, m, attempt, 'list-report-refused', { channel, outcome: 'refused', missingFields: missing });
      await escalate(tx, m, `${m.idempotencyKey}:incomplete`, {
        deadline: `${TEMPLATES[m.purpose]?.title ?? m.purpose} refused as incomplete: missing ${missing.join(', ')}`,
        missingFields: missing,
      });
    });
    this.log({ level: 'warn', message: 'list report refused as incomplete; escalated to the appropriate authority', outboxId: m.id, purpose: m.purpose, missingFields: missing });
  }

  private async beginAttempt(m: OutgoingMessage, channel: string): Promise<number | null> {
    return this.db.transaction(async (tx) => {
      const attempt = await countAttempt(tx, m.id);
      if (attempt === null) return null;
      // An attempt left open was cut short by a dispatcher that died mid-send.
      const interrupted = await interruptOpenAttempts(tx, m.id);
      for (const i of interrupted) await audit(tx, m, i.attempt, 'message-delivery-attempt', { channel: i.channel, outcome: 'interrupted' });
      await beginDeliveryAttempt(tx, m.id, attempt, channel);
      return attempt;
    });
  }

  private async recordDelivered(m: OutgoingMessage, attempt: number, channel: string): Promise<void> {
    const marked = await this.db.transaction(async (tx) => {
      const marked = await markDelivered(tx, m.id);
      await finishAttemptDelivered(tx, m.id, attempt);
      await audit(tx, m, attempt, 'message-delivery-attempt', { channel, outcome: 'delivered' });
      if (marked) await audit(tx, m, null, 'message-delivered', { channel, attempt });
      return marked;
    });
    this.log({ level: 'info', message: marked ? 'outbox message delivered' : 'outbox message re-sent (already marked delivered)', outboxId: m.id, purpose: m.purpose, recipient: m.recipient, attempt, channel });
  }

  private async recordFailure(m: OutgoingMessage, attempt: number, channel: string, err: DeliveryError): Promise<void> {
    const dead = !err.retryable || attempt >= this.settings.maxAttempts;
    const delay = backoffMs(attempt, this.settings);
    await this.db.transaction(async (tx) => {
      const stillPending = await markFailed(tx, m.id, err.code, dead, delay);
      await finishAttemptFailed(tx, m.id, attempt, err.code);
      await audit(tx, m, attempt, 'message-delivery-attempt', { channel, outcome: 'failed', error: err.code });
      if (dead && stillPending) {
        await audit(tx, m, null, 'message-dead-lettered', { channel, attempts: attempt, error: err.code });
        if (isListReport(m.purpose)) {
          await escalate(tx, m, `${m.idempotencyKey}:undeliverable`, { deadline: `${TEMPLATES[m.purpose]?.title ?? m.purpose} could not be delivered (${err.code})` });
        }
      }
    });
    if (dead) {
      this.log({ level: 'error', message: 'outbox message dead-lettered', outboxId: m.id, purpose: m.purpose, recipient: m.recipient, attempts: attempt, error: err.code });
    } else {
      this.log({ level: 'warn', message: 'outbox delivery failed; will retry', outboxId: m.id, purpose: m.purpose, recipient: m.recipient, attempt, error: err.code, retryInMs: delay });
    }
  }

  /** A list report not delivered by its due date (5 working days) is escalated to the appropriate authority, once. */
  async escalateOverdueListReports(): Promise<number> {
    const inserted = await enqueueOverdueListReportEscalations(this.db, LIST_REPORTS);
    if (inserted) this.log({ level: 'warn', message: 'overdue list reports escalated to the appropriate authority', count: inserted });
    return inserted;
  }
}

function toMessage(r: OutboxRow): OutgoingMessage {
  return { id: String(r.id), idempotencyKey: r.idempotency_key, matterReference: r.matter_reference, subjectId: r.subject_id, purpose: r.purpose, recipient: r.recipient, payload: r.payload ?? {} };
}

function forceOf(m: OutgoingMessage): string | null {
  return typeof m.payload.forceId === 'string' ? m.payload.forceId : null;
}

/** A code safe to log: the error's class or errno, never its message (a driver may quote a value). */
function errorCode(err: unknown): string {
  const e = err as { code?: unknown; name?: unknown };
  if (err instanceof DeliveryError) return err.code;
  if (typeof e?.code === 'string') return e.code;
  return typeof e?.name === 'string' ? e.name : 'error';
}

async function audit(tx: Sql, m: OutgoingMessage, attempt: number | null, action: string, details: Record<string, unknown>): Promise<void> {
  const regulation = typeof m.payload.regulation === 'string' ? m.payload.regulation : TEMPLATES[m.purpose]?.regulation ?? null;
  await appendDispatcherAudit(tx, {
    idempotencyKey: `outbox:${m.id}:${action}${attempt === null ? '' : `:${attempt}`}`,
    matterReference: m.matterReference,
    subjectId: m.subjectId,
    action,
    rule: m.purpose,
    regulation,
    details: { outboxId: m.id, purpose: m.purpose, recipient: m.recipient, ...(attempt === null ? {} : { attempt }), ...details },
  });
}

async function escalate(tx: Sql, m: OutgoingMessage, key: string, details: Record<string, unknown>): Promise<void> {
  await enqueueEscalation(tx, {
    idempotencyKey: key,
    matterReference: m.matterReference,
    subjectId: m.subjectId,
    payload: { forceId: forceOf(m), about: m.purpose, outboxId: m.id, dueDate: m.payload.dueDate ?? null, regulation: m.payload.regulation ?? TEMPLATES[m.purpose]?.regulation ?? null, ...details },
  });
}

function isListReport(purpose: string): boolean {
  return (LIST_REPORTS as readonly string[]).includes(purpose);
}
