import { CONFIDENTIAL_REPORT_ASSESSMENTS, CONFIDENTIAL_REPORT_GRANTS, type ConfidentialReportAssessment, type Role } from '@conduct/domain';
import type { ConfidentialReportsService } from '../../confidential-reports/confidential-reports.service';
import { dateAndTime, dateInFull, sentenceCase } from '../rendering/words';

type Listed = Awaited<ReturnType<ConfidentialReportsService['list']>>[number];
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
    mayReadIdentity: r.hasIdentity && (CONFIDENTIAL_REPORT_GRANTS['confidential-reporter-identity'].roles as readonly Role[]).includes(role),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
