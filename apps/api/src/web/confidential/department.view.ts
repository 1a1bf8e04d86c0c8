import type { ValidationError } from 'class-validator';
import { COMMAND_GRANTS, CONFIDENTIAL_REPORT_ASSESSMENTS, CONFIDENTIAL_REPORT_GRANTS, CONFIDENTIAL_REPORT_MATTER_KINDS, MATTER_KIND_WORDS, SUBJECT_KINDS, refuseConductMatter, type ConfidentialReportAssessment, type Role } from '@conduct/domain';
import type { ConfidentialReportsService } from '../../confidential-reports/confidential-reports.service';
import { dateAndTime, dateInFull, sentenceCase } from '../rendering/words';

type Listed = Awaited<ReturnType<ConfidentialReportsService['list']>>['reports'][number];
type Record_ = Awaited<ReturnType<ConfidentialReportsService['record']>>;

const STATUS_WORDS = { received: 'Not assessed', assessed: 'Assessed', 'conduct-matter': 'Conduct matter' } as const;

/** The department's list: newest first, with what waits on the reporter. */
export function reportRows(reports: readonly Listed[]) {
  return reports.map((r) => [
    { html: `<a class="govuk-link" href="/psd/confidential-reports/${encodeURIComponent(r.reference)}">${r.reference}</a>` },
    { text: dateInFull(r.receivedOn) },
    { text: r.about ?? 'Not said' },
    { text: STATUS_WORDS[r.status] },
    { text: r.questionsUnanswered ? `${r.questionsUnanswered} waiting` : 'None waiting' },
  ]);
}

/** One report for the department: never who the reporter is (that is a separate, audited read for administrators). */
export function recordPage(r: Record_, role: Role) {
  const assessment = r.assessment ? CONFIDENTIAL_REPORT_ASSESSMENTS[r.assessment.assessment as ConfidentialReportAssessment] : undefined;
  return {
    facts: [
      { key: { text: 'Received' }, value: { text: dateInFull(r.receivedOn) } },
      { key: { text: 'Force' }, value: { text: r.forceId } },
      { key: { text: 'Who it is about' }, value: { text: r.about ?? 'Not said' } },
      { key: { text: 'What happened' }, value: { text: r.account } },
      { key: { text: 'The reporter said who they are' }, value: { text: r.hasIdentity ? 'Yes: readable by administrators only, every read recorded' : 'No: anonymous' } },
      { key: { text: 'Status' }, value: { text: STATUS_WORDS[r.status] } },
      ...(r.assessment && assessment ? [{ key: { text: 'Assessment' }, value: { text: `${assessment.words} (${assessment.regulation}). Why: ${r.assessment.rationale ?? ''}. By ${r.assessment.by} on ${dateAndTime(r.assessment.at)}` } }] : []),
      ...(r.matterReference ? [{ key: { text: 'Conduct matter' }, value: { html: `<a class="govuk-link" href="/matter/${encodeURIComponent(r.matterReference)}">${escapeHtml(r.matterReference)}</a>` } }] : []),
    ],
    questions: r.questions.map((q, i) => ({ heading: `Question ${i + 1}, asked ${dateAndTime(q.askedAt)}`, question: q.question, answer: q.answer, answeredOn: q.answeredOn ? dateInFull(q.answeredOn) : null })),
    trail: r.trail.map((t) => [{ text: dateAndTime(t.occurredAt as string) }, { text: sentenceCase(String(t.action)) }, { text: `${String(t.actor)} (${sentenceCase(String(t.actorRole))})` }]),
    assessmentItems: Object.entries(CONFIDENTIAL_REPORT_ASSESSMENTS).map(([value, a]) => ({ value, text: a.words, hint: { text: a.regulation }, checked: r.assessment?.assessment === value })),
    mayAssess: r.matterReference === null,
    // Offered once the rules would allow it (refuseConductMatter, the referral's grant); the kind is chosen in the form.
    mayReferConductMatter: refuseConductMatter(r.assessment ? { assessment: r.assessment.assessment, matterReference: r.matterReference } : { assessment: null, matterReference: r.matterReference }, 'conduct-matter') === null
      && (COMMAND_GRANTS.referral.roles as readonly Role[]).includes(role),
    matterKindItems: CONFIDENTIAL_REPORT_MATTER_KINDS.map((k) => ({ value: k, text: MATTER_KIND_WORDS[k] })),
    subjectKindItems: SUBJECT_KINDS.map((k) => ({ value: k, text: sentenceCase(k) })),
    mayReadIdentity: r.hasIdentity && (CONFIDENTIAL_REPORT_GRANTS['confidential-reporter-identity'].roles as readonly Role[]).includes(role),
  };
}

/** The form's fields as a referral (POST /matters' body): one subject, received on the day the report came. */
export function conductMatterReferral(body: Record<string, unknown>, r: { forceId: string; receivedOn: string; reference: string }): Record<string, unknown> {
  const t = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).trim() : '');
  const optional = (k: string) => t(k) || undefined;
  return {
    reference: t('matterReference'), kind: t('kind'), forceId: r.forceId, appropriateAuthority: t('appropriateAuthority'), receivedOn: r.receivedOn,
    summary: `From confidential report ${r.reference}`,
    subjects: [{ subjectId: t('subjectId'), kind: t('subjectKind'), rank: optional('rank'), warrantNumber: optional('warrantNumber') }],
  };
}

/** The referral's validation errors keyed by the form's field ids (the one subject's fields by their own ids). */
export function referralFieldErrors(errors: readonly ValidationError[]): Record<string, string> {
  const FIELD: Record<string, string> = { reference: 'matterReference', kind: 'kind', appropriateAuthority: 'appropriateAuthority', subjectId: 'subjectId', rank: 'rank', warrantNumber: 'warrantNumber' };
  const out: Record<string, string> = {};
  const walk = (es: readonly ValidationError[], inSubject: boolean) => {
    for (const e of es) {
      if (e.children?.length) walk(e.children, inSubject || e.property === 'subjects');
      if (!e.constraints) continue;
      const id = inSubject && e.property === 'kind' ? 'subjectKind' : (FIELD[e.property] ?? 'matterReference');
      out[id] ??= Object.values(e.constraints)[0];
    }
  };
  walk(errors, false);
  return out;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
