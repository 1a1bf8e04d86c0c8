import { BadRequestException, ConflictException, ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UpdateDefinition } from '@temporalio/client';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/client';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import {
  appendListReportRead,
  countMatters,
  decodeDayCursor,
  encodeDayCursor,
  findAllegations,
  findAuditTrail,
  findDecisions,
  findListReports,
  findMatter,
  findMatterDeadlines,
  findMatterForce,
  findMatterMessages,
  findSubjectStage,
  findConfidentialReportOfMatter,
  findSubjects,
  listMatters,
  MatterCursor,
  MatterFilter,
  subjectExists,
} from '@conduct/persistence';
import { setting } from '@conduct/config';
import { allocatedToFilter, COMMAND_GRANTS, Grant, LIST_REPORTS, checkAllegation, checkAllegationFindings, checkAllegations, checkAllegationsNamed, complaintMadeOnRefusal, mayActOnForce, type AllegationProblem } from '@conduct/domain';
import {
  CommandBase,
  DecisionCommand,
  EventCommand,
  ExtensionCommand,
  MatterDecisionCommand,
  MatterEventCommand,
  MatterInput,
  extendDeadline,
  extendMatterDeadline,
  matterState,
  matterWorkflowId,
  recordDecision,
  recordEvent,
  recordMatterDecision,
  recordMatterEvent,
  referralRecorded,
  SubjectView,
  subjectWorkflowId,
} from '@conduct/workflows';
import { User, mayAccessForce, visibleForces } from '../auth/user';
import { asActor } from '../common/actor';
import { RETRY_AFTER_SECONDS, RetryLaterException } from '../common/temporal-errors';
import { executeCommand } from '../temporal/commands';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { ListMattersQuery, ReferMatterDto } from './matters.dto';
import { withInvestigatorSettings } from './commands';
import { settleReferralPeople } from '../people/referral-people';

/** What a list report says about the person: shown only through the audited list-reports read. */
const LIST_REPORT_PERSONAL_FIELDS = ['fullName', 'dateOfBirth', 'conduct', 'standardsBreached', 'publicationExemption', 'allegationSummary', 'leftService'];

/** Commands go to Temporal; reads come from the PostgreSQL projection. */
@Injectable()
export class MattersService {
  constructor(
    private readonly temporal: TemporalClientProvider,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async refer(dto: ReferMatterDto, user: User, idempotencyKey?: string) {
    if (!mayActOnForce(user, dto.forceId, COMMAND_GRANTS.referral)) {
      throw new ForbiddenException({ message: `forceId: you may refer matters only for ${user.forceId}`, field: 'forceId' });
    }
    const actor = asActor(user);
    const ids = new Set<string>();
    for (const s of dto.subjects) {
      if (ids.has(s.subjectId)) throw new BadRequestException({ message: `subjects: subjectId '${s.subjectId}' appears twice`, field: 'subjects' });
      ids.add(s.subjectId);
    }
    // Each allegation against subjects of this referral, in a known IOPC category (allegations.ts).
    if (dto.allegations) refuseBadAllegation(checkAllegations(dto.allegations, 'allegations', [...ids]));
    // Only a complaint carries the day it was made, and it reaches the appropriate authority on or after it (CMR reg 13).
    const made = complaintMadeOnRefusal(dto.kind, dto.receivedOn, dto.complaintMadeOn);
    if (made) throw new BadRequestException({ message: `complaintMadeOn: ${made.reason}`, field: 'complaintMadeOn', rule: made.rule, regulation: made.regulation });
    // Each subject matched to their person, and a live final written warning taken from the engine's own records.
    const subjects = await settleReferralPeople(this.db, dto.forceId, dto.receivedOn, dto.subjects);
    const input: MatterInput = {
      referral: { ...dto, subjects, referredBy: actor, referredAt: new Date().toISOString(), ...(idempotencyKey ? { commandId: idempotencyKey } : {}) },
    };
    return this.temporal.call({ what: `matter ${dto.reference}`, command: true, idempotencyKey }, async (client) => {
      try {
        // Update-with-start: the start and the wait for the referral's record are one request, and the update
        // rides on the workflow's first task instead of a task of its own.
        const startWorkflowOperation = new WithStartWorkflowOperation('matter', {
          workflowId: matterWorkflowId(dto.reference),
          taskQueue: this.temporal.settings.taskQueue,
          workflowTaskTimeout: this.temporal.settings.workflowTaskTimeoutMs,
          args: [input],
          // A reference is referred once, ever: a second referral is refused, not duplicated.
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          workflowIdConflictPolicy: WorkflowIdConflictPolicy.FAIL,
        });
        return await client.workflow.executeUpdateWithStart(referralRecorded, { startWorkflowOperation });
      } catch (err) {
        // The same request retried (same Idempotency-Key) is answered with the matter it created.
        if (idempotencyKey && err instanceof WorkflowExecutionAlreadyStartedError) {
          const existing = await client.workflow.getHandle(matterWorkflowId(dto.reference)).executeUpdate(referralRecorded).catch(() => null);
          if (existing?.referralCommandId === idempotencyKey) return existing;
        }
        throw err;
      }
    });
  }

  async matterDecision(reference: string, cmd: MatterDecisionCommand, user: User, grant: Grant) {
    await this.requireMatter(reference, user, grant);
    return this.update(matterWorkflowId(reference), recordMatterDecision, cmd, `matter ${reference}`);
  }

  async matterEvent(reference: string, cmd: MatterEventCommand, user: User, grant: Grant) {
    const forceId = await this.requireMatter(reference, user, grant);
    cmd = withInvestigatorSettings(cmd, forceId, setting('INVESTIGATOR_FORCE_SETTINGS'));
    if (cmd.event === 'allegation-added') {
      // Checked against the matter as its workflow holds it (its subjects are named there from the referral on).
      const m = await this.temporal.call({ what: `matter ${reference}`, command: false }, (client) => client.workflow.getHandle(matterWorkflowId(reference)).query(matterState));
      refuseBadAllegation(checkAllegation(cmd.allegation, 'allegation', m.subjects.map((x) => x.subjectId), (m.allegations ?? []).map((a) => a.id)));
    }
    return this.update(matterWorkflowId(reference), recordMatterEvent, cmd, `matter ${reference}`);
  }

  async extendMatterDeadline(reference: string, cmd: ExtensionCommand, user: User, grant: Grant) {
    await this.requireMatter(reference, user, grant);
    return this.update(matterWorkflowId(reference), extendMatterDeadline, cmd, `matter ${reference}`);
  }

  async subjectDecision(reference: string, subjectId: string, cmd: DecisionCommand, user: User, grant: Grant) {
    await this.requireSubject(reference, subjectId, user, grant);
    // The allegations a decision names, or finds on, are the matter's, alleged against this subject.
    const named = 'allegations' in cmd ? cmd.allegations : undefined;
    const findings = cmd.decision === 'outcome' || cmd.decision === 'appeal-determination' ? cmd.allegationFindings : undefined;
    if (named || findings) {
      const allegations = await findAllegations(this.db, reference);
      if (named) refuseBadAllegation(checkAllegationsNamed(named, 'allegations', allegations, subjectId));
      if (findings) refuseBadAllegation(checkAllegationFindings(findings, 'allegationFindings', allegations, subjectId));
    }
    return this.subjectUpdate(reference, subjectId, recordDecision, cmd);
  }

  async subjectEvent(reference: string, subjectId: string, cmd: EventCommand, user: User, grant: Grant) {
    await this.requireSubject(reference, subjectId, user, grant);
    return this.subjectUpdate(reference, subjectId, recordEvent, cmd);
  }

  async extendSubjectDeadline(reference: string, subjectId: string, cmd: ExtensionCommand, user: User, grant: Grant) {
    await this.requireSubject(reference, subjectId, user, grant);
    return this.subjectUpdate(reference, subjectId, extendDeadline, cmd);
  }

  async get(reference: string, user: User) {
    const matter = await findMatter(this.db, reference);
    if (!matter || !mayAccessForce(user, matter.force_id as string)) throw new NotFoundException(`matter ${reference} not found`);
    const subjects = await findSubjects(this.db, reference);
    const deadlines = await findMatterDeadlines(this.db, reference);
    const decisions = await findDecisions(this.db, reference);
    const allegations = await findAllegations(this.db, reference);
    return {
      reference: matter.reference,
      kind: matter.kind,
      regime: matter.regime,
      // The rule set decided at referral, and why; null for a matter referred before they were recorded (the 2020 rules).
      ruleSet: matter.rule_set ?? null,
      // The investigator appointed and whether independent of each subject (CR reg 15(3)); null until one is recorded.
      investigator: matter.investigator ?? null,
      // Who works the matter (issue 15): its case officer, null while unallocated, and the queue it waits in.
      caseOfficer: matter.case_officer ?? null,
      allocationQueue: matter.allocation_queue ?? null,
      forceId: matter.force_id,
      stage: matter.stage,
      appropriateAuthority: matter.appropriate_authority,
      iopcReferralRequired: matter.iopc_referral_required,
      modeOfInvestigation: matter.mode_of_investigation,
      receivedOn: matter.received_on,
      // The confidential report this matter was made from, if it was (read at /confidential-reports/:reference/record).
      confidentialReport: await findConfidentialReportOfMatter(this.db, reference),
      // A complaint: the day it was made; the first timeliness period starts with it, else with receivedOn (CMR reg 13; CR reg 19).
      complaintMadeOn: matter.complaint_made_on ?? null,
      timelinessStartsOn: matter.timeliness_starts_on ?? matter.received_on,
      // Each timeliness report answered: withheld for prejudice with its reason, or sent with the officers' copies (CR reg 19(3), (4)).
      timelinessReports: matter.timeliness_reports ?? [],
      subjects: subjects.map((s: Record<string, unknown>) => ({
        subjectId: s.subject_id,
        kind: s.kind,
        rank: s.rank,
        warrantNumber: s.warrant_number,
        // The person the subject is (their number in the force); their record is read, audited, at /people/:id.
        personId: s.person_id == null ? null : String(s.person_id),
        caseOfficer: s.case_officer ?? null,
        stage: s.stage,
        severity: s.severity,
        caseToAnswer: s.case_to_answer,
        formOfProceedings: s.form_of_proceedings,
        outcome: s.outcome,
        closedBecause: s.closed_because,
        status: s.status,
        deadlines: deadlines.filter((d: Record<string, unknown>) => d.subject_id === s.subject_id).map(deadlineView),
        decisions: decisions.filter((d) => d.subject_id === s.subject_id).map(decisionView),
      })),
      // What is alleged, against whom, its IOPC category and standards, and the finding on it for each subject.
      allegations,
      deadlines: deadlines.filter((d: Record<string, unknown>) => d.subject_id === null).map(deadlineView),
      decisions: decisions.filter((d) => d.subject_id === null).map(decisionView),
    };
  }

  async list(q: ListMattersQuery, user: User) {
    const allocatedTo = allocatedToFilter(q.allocatedTo, user.id);
    if (allocatedTo === null) throw new BadRequestException({ message: "allocatedTo: 'me', 'unallocated', or a person's user id", field: 'allocatedTo' });
    const filter: MatterFilter = {
      allocatedTo,
      // A user sees their own force's matters; oversight roles may be granted others.
      forces: visibleForces(user),
      forceId: q.forceId,
      kind: q.kind,
      appropriateAuthority: q.appropriateAuthority,
      // A stage is the matter's own or any of its subjects'.
      stage: q.stage,
      warrantNumber: q.warrantNumber,
      dueWithinDays: q.dueWithinDays,
      overdue: q.overdue === 'true',
    };
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    let after: MatterCursor | undefined;
    if (q.after !== undefined) {
      if (q.offset) throw new BadRequestException('after and offset: give one, not both (after follows a cursor, offset skips rows)');
      after = decodeListCursor(q.after);
    }
    const { items, more } = await listMatters(this.db, filter, { limit, offset, after });
    const last = items[items.length - 1];
    const total = q.total === 'true' ? await countMatters(this.db, filter) : undefined;
    return {
      ...(total !== undefined ? { total } : {}),
      limit,
      offset,
      next: more && last ? encodeListCursor({ receivedOn: String(last.receivedOn), reference: String(last.reference) }) : null,
      items,
    };
  }

  async audit(reference: string, user: User) {
    await this.requireMatter(reference, user);
    const rows = await findAuditTrail(this.db, reference);
    return rows.map((a: Record<string, unknown>) => ({
      id: Number(a.id),
      subjectId: a.subject_id,
      actor: a.actor,
      actorRole: a.actor_role,
      action: a.action,
      rule: a.rule,
      regulation: a.regulation,
      occurredAt: a.occurred_at,
      recordedAt: a.recorded_at,
      details: a.details,
    }));
  }

  /** The matter's messages. A list report's personal data is left out: it is read, and audited, through listReports. */
  async outbox(reference: string, user: User) {
    await this.requireMatter(reference, user);
    return findMatterMessages(this.db, reference, LIST_REPORTS, LIST_REPORT_PERSONAL_FIELDS);
  }

  /**
   * A subject's barred-list and advisory-list reports, whole, as sent to the College of Policing.
   * Every read is written to the audit trail (who, in which role, which reports), in the same
   * transaction as the read: no audit line, no report.
   */
  async listReports(reference: string, subjectId: string, user: User, requestId: string | null) {
    await this.requireSubject(reference, subjectId, user);
    return this.db.transaction(async (tx) => {
      const reports = await findListReports(tx, reference, subjectId, LIST_REPORTS);
      await appendListReportRead(tx, {
        idempotencyKey: `list-report-read:${randomUUID()}`,
        matterReference: reference,
        subjectId,
        actor: user.id,
        actorRole: user.role,
        regulation: 'Police Barred List and Police Advisory List Regulations 2017',
        details: { requestId, reports: reports.map((r) => ({ outboxId: String(r.id), purpose: r.purpose })) },
      });
      return reports.map((r) => ({ ...r, id: String(r.id) }));
    });
  }

  /**
   * Another force's matter answers exactly as one that does not exist. With a command's grant: a matter the
   * caller may read on a force granted to them (not their own) takes only what mayActOnForce allows there.
   */
  private async requireMatter(reference: string, user: User, grant?: Grant): Promise<string> {
    const forceId = await findMatterForce(this.db, reference);
    if (forceId === undefined || !mayAccessForce(user, forceId)) throw new NotFoundException(`matter ${reference} not found`);
    if (grant && !mayActOnForce(user, forceId, grant)) {
      throw new ForbiddenException({
        message: `${grant.words} on another force's matter may be recorded only by an administrator granted that force (oversight records there only the IOPC's own decisions)`,
        field: 'forceId',
      });
    }
    return forceId;
  }

  private async requireSubject(reference: string, subjectId: string, user: User, grant?: Grant): Promise<void> {
    await this.requireMatter(reference, user, grant);
    if (await subjectExists(this.db, reference, subjectId)) return;
    // Just referred: the matter names its subjects at once, and each subject's track writes its own row when its
    // workflow starts, a moment later. A subject the matter names is not "not found".
    const named = await this.temporal
      .call({ what: `matter ${reference}`, command: false }, (client) => client.workflow.getHandle(matterWorkflowId(reference)).query(matterState))
      .then(
        (m) => m.subjects.some((x) => x.subjectId === subjectId),
        (err) => {
          if (err instanceof RetryLaterException) throw err;
          return false;
        },
      );
    if (!named) throw new NotFoundException(`subject ${subjectId} of matter ${reference} not found`);
  }

  /**
   * A command on a subject's track. The projection knew the subject (requireSubject), so a track Temporal does
   * not know is either still being started by its matter (just after the referral: a moment's wait) or closed
   * and gone from Temporal's retention (nothing more can be recorded): never "not found".
   */
  private async subjectUpdate<C extends CommandBase>(reference: string, subjectId: string, def: UpdateDefinition<SubjectView, [C]>, cmd: C): Promise<SubjectView> {
    const what = `subject ${subjectId} of matter ${reference}`;
    try {
      return await this.update(subjectWorkflowId(reference, subjectId), def, cmd, what);
    } catch (err) {
      if (!(err instanceof NotFoundException)) throw err;
      const stage = await findSubjectStage(this.db, reference, subjectId);
      if (stage === 'closed') throw new ConflictException({ message: `${what} is closed: nothing more can be recorded on it`, rule: 'workflow-open' });
      throw new RetryLaterException(
        HttpStatus.SERVICE_UNAVAILABLE,
        'track-starting',
        `${what}: its track is still being started by the matter; nothing was recorded: try again in a moment`,
        RETRY_AFTER_SECONDS.trackStarting,
      );
    }
  }

  private async update<R, C extends CommandBase>(workflowId: string, def: UpdateDefinition<R, [C]>, cmd: C, what: string): Promise<R> {
    return executeCommand(this.temporal, what, workflowId, def, cmd);
  }
}

/** Bad allegation input is the client's mistake: a 400 naming the field and the rule, before anything is recorded. */
function refuseBadAllegation(problem: AllegationProblem | null): void {
  if (problem) throw new BadRequestException({ message: problem.reason, field: problem.field, rule: problem.rule, regulation: problem.regulation });
}

function deadlineView(d: Record<string, unknown>) {
  return {
    key: d.key,
    ruleId: d.rule_id,
    name: d.name,
    regulation: d.regulation,
    dueDate: d.due_date,
    dueAt: d.due_at,
    status: d.status,
    extensions: d.extensions,
    // Two times: when the step that settled it happened (it may have been recorded much later), and any correction.
    settledAt: d.settled_at ?? null,
    corrections: d.corrections ?? [],
  };
}

/** A decision as the matter shows it: what, when, by whom and why (null for one recorded before rationales were required). */
function decisionView(d: Record<string, unknown>) {
  return {
    decision: String(d.action).slice('decision:'.length),
    occurredAt: d.occurred_at,
    recordedAt: d.recorded_at,
    actor: d.actor,
    actorRole: d.actor_role,
    rationale: d.rationale ?? null,
  };
}

/** A page's last matter, as the opaque `next` cursor of the matters list. */
export function encodeListCursor(c: { receivedOn: string; reference: string }): string {
  return encodeDayCursor(c);
}

export function decodeListCursor(cursor: string): { receivedOn: string; reference: string } {
  const c = decodeDayCursor(cursor);
  if (c) return c;
  throw new BadRequestException('after must be the next cursor of a previous page');
}
