import { BadRequestException, ConflictException, ForbiddenException, HttpException, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  COMMAND_GRANTS,
  CONFIDENTIAL_REFERENCE,
  CONFIDENTIAL_REPORT_ASSESSMENTS,
  CONFIDENTIAL_REPORT_GRANTS,
  confidentialReportStatus,
  londonDateOf,
  normaliseConfidentialReference,
  refuseAnswer,
  refuseConductMatter,
  type ConfidentialReportAssessment,
  type Role,
} from '@conduct/domain';
import {
  answerConfidentialQuestion,
  appendConfidentialAudit,
  findConfidentialAudit,
  findConfidentialQuestions,
  findConfidentialReport,
  insertConfidentialQuestion,
  insertConfidentialReport,
  linkConfidentialReportToMatter,
  listConfidentialReports,
  decodeDayCursor,
  encodeDayCursor,
  recordConfidentialAssessment,
  type ConfidentialReportRow,
} from '@conduct/persistence';
import { mayAccessForce, visibleForces, type User } from '../auth/user';
import { MattersService } from '../matters/matters.service';
import type { ReferMatterDto } from '../matters/matters.dto';
import { TemporalClientProvider } from '../temporal/temporal-client.provider';
import type { ConfidentialAnswerDto, ConfidentialAssessmentDto, ConfidentialQuestionDto, ConfidentialReportDto } from './confidential-reports.dto';
import { hashSecret, newReferenceAndSecret, openIdentity, sealIdentity, secretMatches } from './reporter-secrets';

/** How many reports a page of the department's list holds. */
export const CONFIDENTIAL_REPORTS_PAGE = 100;

/**
 * A wrong secret and an unknown reference get the same answer, after the same work, so the answer never says whether a
 * reference exists. 404: there is no report for this pair.
 */
export class NoSuchConfidentialReport extends NotFoundException {
  constructor() {
    super({
      statusCode: 404, error: 'Not Found', code: 'confidential-report-secret', rule: 'confidential-report-secret', field: 'secret',
      message: 'no confidential report has this reference and secret: check both as you were given them (whether the reference exists is not said)',
    });
  }
}

function refused(r: { status: number; rule: string; reason: string; regulation?: string }): HttpException {
  const body = { statusCode: r.status, message: r.reason, rule: r.rule, regulation: r.regulation ?? null };
  return r.status === 404 ? new NotFoundException(body) : new ConflictException(body);
}

function requireConfidentialGrant(user: { role: Role }, what: keyof typeof CONFIDENTIAL_REPORT_GRANTS): void {
  const { roles, words } = CONFIDENTIAL_REPORT_GRANTS[what];
  if (!(roles as readonly Role[]).includes(user.role)) {
    throw new ForbiddenException({ message: `${words} may be read or worked only by: ${roles.join(', ')} (you are ${user.role})`, rolesAllowed: roles });
  }
}

/** What the reporter sees: what they wrote and the department's questions, without who asked. */
function reporterView(r: ConfidentialReportRow, questions: Awaited<ReturnType<typeof findConfidentialQuestions>>) {
  return {
    reference: r.reference,
    receivedOn: r.receivedOn,
    account: r.account,
    about: r.about,
    questions: questions.map((q) => ({ id: q.id, question: q.question, askedOn: londonDateOf(new Date(q.askedAt).getTime()), answer: q.answer, answeredOn: q.answeredOn })),
  };
}

/**
 * Confidential and anonymous reports: the reporter's side needs no account (a reference and a secret), the
 * department's side is signed in, of the report's force, in a role of CONFIDENTIAL_REPORT_GRANTS.
 */
@Injectable()
export class ConfidentialReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly matters: MattersService,
    private readonly temporal: TemporalClientProvider,
  ) {}

  /** A new report: its reference and secret, the secret shown here once and kept only as a hash. */
  async report(dto: ConfidentialReportDto): Promise<{ reference: string; secret: string; receivedOn: string }> {
    const identity = dto.identity?.trim() ? dto.identity.trim() : null;
    let sealed: { sealed: Buffer; keyId: string } | null = null;
    if (identity) {
      // Never kept in plain text: without the payload keys (only possible outside production) it is not kept at all.
      const codec = this.temporal.codec;
      if (!codec) throw new ServiceUnavailableException({ message: 'identity: this service has no PAYLOAD_ENCRYPTION_KEYS to keep it encrypted; report without saying who you are, or try later', field: 'identity' });
      sealed = await sealIdentity(codec, identity);
    }
    const { reference, secret } = newReferenceAndSecret();
    const receivedOn = londonDateOf(Date.now());
    await insertConfidentialReport(this.db, {
      reference, forceId: dto.forceId, secretHash: await hashSecret(secret), account: dto.account.trim(), about: dto.about?.trim() || null,
      identitySealed: sealed?.sealed ?? null, identityKeyId: sealed?.keyId ?? null, receivedOn,
    });
    return { reference, secret, receivedOn };
  }

  /** The report for its reference and secret, or the one answer that says neither which was wrong nor whether it exists. */
  private async openAsReporter(typedReference: string, secret: unknown): Promise<ConfidentialReportRow> {
    const reference = normaliseConfidentialReference(typedReference);
    const row = CONFIDENTIAL_REFERENCE.test(reference) ? await findConfidentialReport(this.db, reference) : undefined;
    const matches = await secretMatches(typeof secret === 'string' ? secret.trim() : '', row?.secretHash);
    if (!row || !matches) throw new NoSuchConfidentialReport();
    return row;
  }

  async readAsReporter(typedReference: string, secret: unknown) {
    const row = await this.openAsReporter(typedReference, secret);
    return reporterView(row, await findConfidentialQuestions(this.db, row.reference));
  }

  async answer(typedReference: string, secret: unknown, dto: ConfidentialAnswerDto) {
    const row = await this.openAsReporter(typedReference, secret);
    const questions = await findConfidentialQuestions(this.db, row.reference);
    const refusal = refuseAnswer(questions.find((q) => q.id === dto.questionId), dto.questionId);
    if (refusal) throw refused(refusal);
    // Answered meanwhile (two tabs): refused as answered once, nothing overwritten.
    const written = await answerConfidentialQuestion(this.db, row.reference, dto.questionId, dto.answer.trim(), londonDateOf(Date.now()));
    if (!written) throw refused(refuseAnswer({ answer: '' }, dto.questionId)!);
    return reporterView(row, await findConfidentialQuestions(this.db, row.reference));
  }

  // The department's side.

  /** A page of the reports, newest first, and the cursor of the next page (null on the last); `after` a cursor it gave out. */
  async list(user: User, after?: string) {
    requireConfidentialGrant(user, 'confidential-report');
    const from = after === undefined || after === '' ? undefined : decodeDayCursor(after);
    if (from === null) throw new BadRequestException({ message: 'after: not a cursor this list gave out: start again from the first page', field: 'after' });
    const { items, more } = await listConfidentialReports(this.db, visibleForces(user), { limit: CONFIDENTIAL_REPORTS_PAGE, after: from });
    const last = items.at(-1);
    return { reports: items.map((r) => ({ ...r, status: confidentialReportStatus(r) })), next: more && last ? encodeDayCursor({ receivedOn: last.receivedOn, reference: last.reference }) : null };
  }

  /** A report of a force the caller may see, or 404 (a report of another force is not said to exist). */
  private async reportFor(user: User, reference: string, sql: { query: DataSource['query'] } = this.db, forUpdate = false): Promise<ConfidentialReportRow> {
    const row = CONFIDENTIAL_REFERENCE.test(reference) ? await findConfidentialReport(sql, reference, forUpdate) : undefined;
    if (!row || !mayAccessForce(user, row.forceId)) throw new NotFoundException({ message: `confidential report ${reference} not found`, field: 'reference' });
    return row;
  }

  async record(reference: string, user: User) {
    requireConfidentialGrant(user, 'confidential-report');
    const r = await this.reportFor(user, reference);
    return {
      reference: r.reference, forceId: r.forceId, receivedOn: r.receivedOn, account: r.account, about: r.about,
      // Whether the reporter said who they are; who they are is read through the identity route alone.
      hasIdentity: r.identitySealed !== null,
      status: confidentialReportStatus(r),
      assessment: r.assessment ? { assessment: r.assessment, rationale: r.assessmentRationale, by: r.assessedBy, at: r.assessedAt, regulation: CONFIDENTIAL_REPORT_ASSESSMENTS[r.assessment as ConfidentialReportAssessment]?.regulation ?? null } : null,
      matterReference: r.matterReference,
      questions: await findConfidentialQuestions(this.db, r.reference),
      trail: await findConfidentialAudit(this.db, r.reference),
    };
  }

  async assess(reference: string, dto: ConfidentialAssessmentDto, user: User) {
    requireConfidentialGrant(user, 'confidential-report');
    await this.db.transaction(async (tx) => {
      const r = await this.reportFor(user, reference, tx, true);
      // Once it is a matter, the matter's own severity assessment and decisions carry it on.
      if (r.matterReference) throw refused({ status: 409, rule: 'confidential-report-one-matter', regulation: 'PRA 2002 Sch 3 para 11', reason: `this report is already the conduct matter ${r.matterReference}: assess it there` });
      const regulation = CONFIDENTIAL_REPORT_ASSESSMENTS[dto.assessment as ConfidentialReportAssessment].regulation;
      await recordConfidentialAssessment(tx, r.reference, { assessment: dto.assessment, rationale: dto.rationale.trim(), by: user.id });
      await appendConfidentialAudit(tx, { reportReference: r.reference, actor: user.id, actorRole: user.role, action: 'assessed', regulation, details: { assessment: dto.assessment, rationale: dto.rationale.trim() } });
    });
    return this.record(reference, user);
  }

  async ask(reference: string, dto: ConfidentialQuestionDto, user: User) {
    requireConfidentialGrant(user, 'confidential-report');
    const questionId = await this.db.transaction(async (tx) => {
      const r = await this.reportFor(user, reference, tx);
      const id = await insertConfidentialQuestion(tx, r.reference, dto.question.trim(), user.id);
      await appendConfidentialAudit(tx, { reportReference: r.reference, actor: user.id, actorRole: user.role, action: 'question-asked', regulation: null, details: { questionId: id } });
      return id;
    });
    return { reference, questionId };
  }

  /** Who the reporter said they are: administrators alone, the read written to the report's trail before it is opened. */
  async identity(reference: string, user: User, requestId: string | null) {
    requireConfidentialGrant(user, 'confidential-reporter-identity');
    return this.db.transaction(async (tx) => {
      const r = await this.reportFor(user, reference, tx);
      if (!r.identitySealed || !r.identityKeyId) throw new NotFoundException({ message: `confidential report ${reference}: the reporter did not say who they are`, field: 'identity' });
      const codec = this.temporal.codec;
      if (!codec) throw new ServiceUnavailableException({ message: 'the identity cannot be opened: this service has no PAYLOAD_ENCRYPTION_KEYS', field: 'identity' });
      await appendConfidentialAudit(tx, { reportReference: r.reference, actor: user.id, actorRole: user.role, action: 'identity-read', regulation: null, details: { requestId } });
      return { reference: r.reference, identity: await openIdentity(codec, r.identitySealed, r.identityKeyId) };
    });
  }

  /**
   * The report becomes a conduct matter: a referral through the same path as any other (MattersService.refer, with
   * its checks), then the report names the matter and the matter is found from the report. The report's row is locked
   * meanwhile; a retry with the same Idempotency-Key is answered with the matter already made.
   */
  async referConductMatter(reference: string, dto: ReferMatterDto, user: User, idempotencyKey?: string) {
    requireConfidentialGrant(user, 'confidential-report');
    const { roles, words } = COMMAND_GRANTS.referral;
    if (!(roles as readonly Role[]).includes(user.role)) throw new ForbiddenException({ message: `${words} may be recorded only by: ${roles.join(', ')} (you are ${user.role})`, rolesAllowed: roles });
    return this.db.transaction(async (tx) => {
      const r = await this.reportFor(user, reference, tx, true);
      const refusal = refuseConductMatter(r, dto.kind);
      if (refusal) throw refused(refusal);
      if (dto.forceId !== r.forceId) throw new BadRequestException({ message: `forceId: the report is of force ${r.forceId}; its matter is referred there`, field: 'forceId' });
      const matter = await this.matters.refer(dto, user, idempotencyKey ?? `confidential-report:${r.reference}`);
      await linkConfidentialReportToMatter(tx, r.reference, dto.reference);
      await appendConfidentialAudit(tx, { reportReference: r.reference, actor: user.id, actorRole: user.role, action: 'conduct-matter-referred', regulation: 'PRA 2002 Sch 3 para 11', details: { matterReference: dto.reference, kind: dto.kind } });
      return { reference: r.reference, matterReference: dto.reference, matter };
    });
  }
}
