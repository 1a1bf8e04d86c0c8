// Confidential and anonymous reporting: a member of a force reports wrongdoing by a colleague without an account, as
// forces run it today through a reporting line where the informant need not identify themselves. What the report is
// about may become a conduct matter (PRA 2002 s.12(2)), recorded by the appropriate authority (PRA 2002 Sch 3 para 11).
// Pure rules only: the API stores, seals and hashes.

import type { Grant } from './grants';
import type { MatterKind } from './kinds';
import type { Role } from './stages';

/** How the department assesses a report, each with what it rests on. */
export const CONFIDENTIAL_REPORT_ASSESSMENTS = {
  'conduct-matter-indicated': {
    words: 'It indicates a conduct matter',
    regulation: 'PRA 2002 s.12(2), Sch 3 para 11',
  },
  'more-information-needed': {
    words: 'More information is needed from the reporter before it can be assessed',
    regulation: 'PRA 2002 s.12(2)',
  },
  'no-conduct-matter': {
    words: 'It does not indicate a conduct matter: no further action as a conduct matter',
    regulation: 'PRA 2002 s.12(2)',
  },
} as const;

export type ConfidentialReportAssessment = keyof typeof CONFIDENTIAL_REPORT_ASSESSMENTS;
export const CONFIDENTIAL_REPORT_ASSESSMENT_NAMES = Object.keys(CONFIDENTIAL_REPORT_ASSESSMENTS) as ConfidentialReportAssessment[];

/** Where a report stands, derived from what was recorded on it (never stored on its own, so it cannot disagree). */
export const CONFIDENTIAL_REPORT_STATUSES = ['received', 'assessed', 'conduct-matter'] as const;
export type ConfidentialReportStatus = (typeof CONFIDENTIAL_REPORT_STATUSES)[number];

export function confidentialReportStatus(r: { assessment: string | null; matterReference: string | null }): ConfidentialReportStatus {
  if (r.matterReference) return 'conduct-matter';
  return r.assessment ? 'assessed' : 'received';
}

/**
 * The kinds a report may become: a conduct matter, recordable or not. A member of a force reporting a colleague is not
 * a complainant about their own force's colleague in the sense of PRA 2002 s.12 (the exact subsection to be checked), and a death or serious injury matter has its own way in.
 */
export const CONFIDENTIAL_REPORT_MATTER_KINDS = ['conduct-matter', 'recordable-conduct-matter'] as const satisfies readonly MatterKind[];

/** A refusal under a rule, with its status for HTTP: 409 for a decision the rules do not allow. */
export interface ConfidentialReportRefusal {
  status: 409;
  rule: string;
  regulation: string;
  reason: string;
}

/** Whether a report may be turned into a matter of `kind` now: assessed as indicating one, once, and of a conduct kind. */
export function refuseConductMatter(
  report: { assessment: string | null; matterReference: string | null },
  kind: string,
): ConfidentialReportRefusal | null {
  if (report.matterReference) {
    return { status: 409, rule: 'confidential-report-one-matter', regulation: 'PRA 2002 Sch 3 para 11', reason: `this report is already the conduct matter ${report.matterReference}` };
  }
  if (report.assessment !== 'conduct-matter-indicated') {
    return {
      status: 409, rule: 'confidential-report-assessed-first', regulation: 'PRA 2002 s.12(2), Sch 3 para 11',
      reason: `a report becomes a conduct matter only once assessed as indicating one (assessment 'conduct-matter-indicated'; it is ${report.assessment ? `'${report.assessment}'` : 'not yet assessed'})`,
    };
  }
  if (!(CONFIDENTIAL_REPORT_MATTER_KINDS as readonly string[]).includes(kind)) {
    return {
      status: 409, rule: 'confidential-report-conduct-kind', regulation: 'PRA 2002 s.12',
      reason: `kind: a confidential report becomes ${CONFIDENTIAL_REPORT_MATTER_KINDS.join(' or ')}, not '${kind}' (a member of the force reporting a colleague is not a complainant)`,
    };
  }
  return null;
}

/** A question is answered once: the department asks again rather than the reporter rewriting what they said. */
export function refuseAnswer(question: { answer: string | null } | undefined, questionId: string): { status: 404 | 409; rule: string; reason: string } | null {
  if (!question) return { status: 404, rule: 'confidential-question-exists', reason: `questionId: no question ${questionId} on this report` };
  if (question.answer !== null) return { status: 409, rule: 'confidential-question-answered-once', reason: `questionId: question ${questionId} is already answered; the department may ask another` };
  return null;
}

// References: random, not sequential, so a reference says nothing about when a report came or how many came before.
// Crockford's base 32 (no I, L, O, U), easy to read aloud and to copy by hand.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CONFIDENTIAL_REFERENCE = /^CR-[0-9A-HJKMNP-TV-Z]{12}$/;

/** A reference from 12 random bytes (the caller's randomness: this module stays deterministic). */
export function confidentialReference(randomBytes: Uint8Array): string {
  if (randomBytes.length < 12) throw new Error('a confidential reference needs 12 random bytes');
  let s = '';
  for (let i = 0; i < 12; i++) s += REFERENCE_ALPHABET[randomBytes[i] & 31];
  return `CR-${s}`;
}

/** A reference as a reporter may type it: spaces and case forgiven, O read as 0 and I or L as 1. */
export function normaliseConfidentialReference(typed: string): string {
  const t = typed.trim().toUpperCase().replace(/\s+/g, '');
  const body = (t.startsWith('CR-') ? t.slice(3) : t.startsWith('CR') ? t.slice(2) : t).replace(/O/g, '0').replace(/[IL]/g, '1');
  return `CR-${body}`;
}

/**
 * Who may do what with confidential reports. The department's work (list, read, assess, ask, turn into a conduct
 * matter) is the appropriate authority's and the professional standards case officers' who record matters, and the
 * administrators'; investigators work matters, not intelligence.
 *
 * The reporter's identity is readable by administrators alone. The appropriate authority decides the case against
 * the colleague reported, and case officers and investigators work it: keeping the informant's name from all of
 * them keeps the decision on the evidence and the informant out of reach of the subject's chain of command. An
 * administrator is few people, already trusted with the force's settings and its other forces' grants, and reads it
 * only when there is a need (to protect the reporter, or when they agree to be a witness), each read audited.
 */
export const CONFIDENTIAL_REPORT_GRANTS = {
  'confidential-report': { roles: ['appropriate-authority', 'case-officer', 'administrator'], iopcDecision: false, words: 'Confidential reports' },
  'confidential-reporter-identity': { roles: ['administrator'], iopcDecision: false, words: "A confidential reporter's identity" },
} as const satisfies Record<string, Grant>;

export function mayUseConfidentialReports(role: Role, what: keyof typeof CONFIDENTIAL_REPORT_GRANTS): boolean {
  return (CONFIDENTIAL_REPORT_GRANTS[what].roles as readonly Role[]).includes(role);
}

/** Limits on what a reporter writes: enough for an account of events, not a document store. */
export const CONFIDENTIAL_REPORT_LIMITS = { account: 8000, about: 400, identity: 400, answer: 8000, question: 4000, rationale: 4000 } as const;
