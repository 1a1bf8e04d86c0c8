import { CONFIDENTIAL_REPORT_LIMITS as LIMITS } from '@conduct/domain';

/** The reporter's forms, read and checked without a session: each error names its field, in the GOV.UK pattern. */

export type FieldErrors = Record<string, string>;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const FORCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface ReportAnswers {
  forceId: string;
  account: string;
  about: string;
  identity: string;
}

export function readReportForm(body: Record<string, unknown> | undefined): { values: ReportAnswers; errors: FieldErrors } {
  const values = { forceId: text(body?.forceId), account: text(body?.account), about: text(body?.about), identity: text(body?.identity) };
  const errors: FieldErrors = {};
  if (!values.forceId) errors.forceId = 'Enter the force of the person you are reporting';
  else if (!FORCE.test(values.forceId)) errors.forceId = 'The force must be its identifier: letters, digits, dots, dashes or underscores';
  if (!values.account) errors.account = 'Enter what happened';
  else if (values.account.length > LIMITS.account) errors.account = `What happened must be ${LIMITS.account} characters or fewer`;
  if (values.about.length > LIMITS.about) errors.about = `Who it is about must be ${LIMITS.about} characters or fewer`;
  if (values.identity.length > LIMITS.identity) errors.identity = `Who you are must be ${LIMITS.identity} characters or fewer`;
  return { values, errors };
}

export function readReturnForm(body: Record<string, unknown> | undefined): { values: { reference: string; secret: string }; errors: FieldErrors } {
  const values = { reference: text(body?.reference), secret: text(body?.secret) };
  const errors: FieldErrors = {};
  if (!values.reference) errors.reference = 'Enter your reference';
  if (!values.secret) errors.secret = 'Enter your secret';
  return { values, errors };
}

export function readAnswerForm(body: Record<string, unknown> | undefined): { questionId: string; answer: string; error?: string } {
  const questionId = text(body?.questionId);
  const answer = text(body?.answer);
  if (!answer) return { questionId, answer, error: 'Enter your answer' };
  if (answer.length > LIMITS.answer) return { questionId, answer, error: `Your answer must be ${LIMITS.answer} characters or fewer` };
  return { questionId, answer };
}

/** The error summary's list: each error links to its field. */
export function errorList(errors: FieldErrors): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, message]) => ({ text: message, href: `#${field}` }));
}
