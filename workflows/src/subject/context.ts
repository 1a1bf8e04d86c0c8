/**
 * What every part of a subject's track shares: the referral, the state, the ports to the workflow around it,
 * the command in hand, and the helpers that build its audit lines and messages and write its change. Made once
 * per track by subjectTrack() (track.ts) and passed to each part (decisions.ts, events.ts, timers.ts, …).
 */
import * as judge from '../deadlines/judgement';
import * as ledger from '../ledger';

const SYSTEM = { id: 'system', role: 'system' };
import { subjectView } from './view';
import type { AuditRecord, CommandBase, Deadline, DeadlineRequest, OutboxRecord, SubjectInput, SubjectState, SubjectView } from '../types';

/** What the track asks of the workflow around it. */
export interface TrackPorts {
  /** Counts deadlines on the working-day calendar (a local activity: the result is kept in history). */
  computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]>;
  /** Writes a change: the projection's snapshot at the next revision, its audit lines and its outgoing messages. */
  record(lines: AuditRecord[], outbox?: OutboxRecord[]): Promise<void>;
  /** The id of the update being applied, which keys its audit line when the command carries no id of its own. */
  updateId(): string | undefined;
  /** Whether this run takes the change named (Temporal's patched(): true from the patch on, false on replay of older runs). */
  patched(id: string): boolean;
}

/** The rule and regulation an audit line names. */
export interface RuleRef {
  rule: string | null;
  regulation: string | null;
}

/** A step that follows from a command (a warning quashed by an appeal), with its own audit line. */
export interface FollowingStep extends RuleRef {
  action: string;
  details: Record<string, unknown>;
}

export class TrackContext {
  /** Set while an import passes the time to a step's instant (fireTimersAsOf); otherwise the timers run at now. */
  asOf: number | undefined;
  /** The command being applied, and the audit lines and messages its deadlines' judgements add (deadlines/judgement.ts). */
  step: CommandBase | undefined;
  judgementLines: AuditRecord[] = [];
  judgementMessages: OutboxRecord[] = [];

  /** Whose lines and messages this track writes (ledger.ts keys them). */
  readonly ledger: ledger.Ledger;

  constructor(
    readonly input: SubjectInput,
    readonly workflowId: string,
    readonly s: SubjectState,
    readonly ports: TrackPorts,
  ) {
    this.ledger = { workflowId, matterReference: input.matterReference, subjectId: input.subject.subjectId };
  }

  /** Whether deadlines are judged by when their steps happened (a run from that patch on). */
  judged(): boolean {
    return this.ports.patched(judge.DEADLINES_JUDGED_WHEN_THEY_HAPPENED);
  }

  /** An instant at or before the import that brought this track in (never, for a track referred live). */
  beforeImport(instant: string): boolean {
    return this.input.imported !== undefined && Date.parse(instant) <= Date.parse(this.input.imported.importedAt);
  }

  // ---- A command, from the first step to its commit -------------------------------------------------
  begin(cmd: CommandBase): void {
    this.step = cmd;
    this.judgementLines = [];
    this.judgementMessages = [];
  }

  markApplied(cmd: CommandBase): void {
    if (cmd.commandId) this.s.appliedCommands.push(cmd.commandId);
  }

  async commit(cmd: CommandBase, action: string, ruleRef: RuleRef, details: Record<string, unknown>, outbox: OutboxRecord[], follows: FollowingStep[] = []): Promise<SubjectView> {
    const { s } = this;
    const id = cmd.commandId ?? this.ports.updateId() ?? `${s.revision + 1}`;
    const judged = { lines: this.judgementLines, messages: this.judgementMessages };
    this.step = undefined;
    this.judgementLines = [];
    this.judgementMessages = [];
    const line = (key: string, what: FollowingStep): AuditRecord =>
      ledger.auditLine(this.ledger, what.action, cmd.actor, cmd.occurredAt, { idempotencyKey: key, rule: what.rule, regulation: what.regulation, details: what.details });
    // What the command made follow (a warning quashed, a report owed) has its own line, by the same hand and time;
    // then what judging its deadlines found (a miss corrected, a deadline no longer owed).
    await this.ports.record(
      [line(ledger.commandKey(this.ledger, id), { action, ...ruleRef, details }), ...follows.map((f) => line(`${ledger.commandKey(this.ledger, id)}:${f.action}`, f)), ...judged.lines],
      [...outbox, ...judged.messages],
    );
    return this.view();
  }

  // ---- Audit lines and messages ---------------------------------------------------------------------
  /** A line the system writes, keyed by its action (which carries what makes it unique after a ':'). */
  audit(action: string, ruleRef: RuleRef, details: Record<string, unknown>): AuditRecord {
    return ledger.auditLine(this.ledger, action, SYSTEM, new Date(Date.now()).toISOString(), { details, ...ruleRef });
  }

  /** The system's line about a deadline (a reminder, a miss, a window closed). */
  deadlineAudit(action: string, d: Deadline): AuditRecord {
    return this.audit(action, { rule: d.ruleId, regulation: d.regulation }, { deadline: d.name, dueDate: d.dueDate });
  }

  /** An outgoing message, keyed by the subject and its purpose (with what makes it unique after a ':'). */
  message(purpose: string, recipient: string, payload: Record<string, unknown>): OutboxRecord {
    const { input } = this;
    return ledger.outboxMessage(this.ledger, `${input.matterReference}:${input.subject.subjectId}`, purpose, recipient, { forceId: input.forceId, ...payload });
  }


  view(): SubjectView {
    return subjectView(this.input, this.s);
  }
}
