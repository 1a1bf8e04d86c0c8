// Who may send each command the API accepts: one table, read by the API's permission check and by the
// end-to-end test that sends every command as every role. Subject decisions and events take their roles
// from the stage rules (DECISION_RULES, EVENT_RULES); the matter's and the recommendations' commands are here.
//
// Oversight (the IOPC, a local policing body) reads; it writes only the IOPC's own decisions: the mode of
// investigation (PRA 2002 Sch 3 para 15) and learning recommendations with the publication of their
// responses (Sch 3 paras 28A/28B). A grant of other forces (`forces` in the token) lets oversight read
// them, and write there only those decisions; an administrator acts across the forces granted.

import { DECISION_RULES, EVENT_RULES, Role, SUBJECT_DECISIONS, SUBJECT_EVENTS, SubjectDecisionName, SubjectEventName } from './stages';

export { SUBJECT_DECISIONS, SUBJECT_EVENTS };
export type { SubjectDecisionName, SubjectEventName };

export const ROLES: readonly Role[] = ['appropriate-authority', 'case-officer', 'investigator', 'oversight', 'administrator'];

/** The matter's own decisions and events (a complainant update is the matter's, not a subject's). */
export const MATTER_DECISIONS = ['mode-of-investigation'] as const;
export const MATTER_EVENTS = [
  'referred-to-iopc', 'complainant-updated', 'timeliness-report-sent', 'complainant-outcome-sent', 'investigation-completed',
  // The investigator's appointment (CR reg 15), and a subject's unit and line management recorded after referral, which it is checked against.
  'investigator-appointed', 'subject-line-management-recorded',
  // An allegation added after referral (issue 15).
  'allegation-added',
  // A timeliness report withheld because it might prejudice an investigation, with its reason (CR reg 19(3); CMR reg 13).
  'timeliness-report-withheld',
] as const;

export type MatterDecisionName = (typeof MATTER_DECISIONS)[number];
export type MatterEventName = (typeof MATTER_EVENTS)[number];

export interface Grant {
  /** The roles that may send it. */
  roles: readonly Role[];
  /** One of the IOPC's own decisions: oversight may send it on a force it has been granted, not only its own. */
  iopcDecision: boolean;
  /** The command in words, for a refusal: "<words> may be recorded only by: …". */
  words: string;
}

const FORCE_RECORDERS: readonly Role[] = ['case-officer', 'investigator', 'appropriate-authority', 'administrator'];

/**
 * Who reads and keeps a person's record. It joins every matter against them, their warnings and their list reports:
 * the appropriate authority decides on it (CR reg 42(5)), an administrator keeps it; a case officer works one matter
 * and reads it there.
 */
const PERSON_RECORD_KEEPERS = ['appropriate-authority', 'administrator'] as const satisfies readonly Role[];

/** The matter's commands, the referral and the recommendations'. */
export const COMMAND_GRANTS = {
  referral: { roles: FORCE_RECORDERS, iopcDecision: false, words: 'A referral' },
  'mode-of-investigation': { roles: ['oversight', 'appropriate-authority', 'administrator'], iopcDecision: true, words: 'The mode of investigation' },
  'matter-event': { roles: FORCE_RECORDERS, iopcDecision: false, words: 'A matter event' },
  'matter-deadline-extension': { roles: FORCE_RECORDERS, iopcDecision: false, words: 'A deadline extension' },
  'subject-deadline-extension': { roles: FORCE_RECORDERS, iopcDecision: false, words: 'A deadline extension' },
  // Bringing in a force's existing cases (mid-way or closed) is the case officers' and administrators' work.
  import: { roles: ['case-officer', 'administrator'], iopcDecision: false, words: 'An import of existing cases' },
  recommendation: { roles: ['oversight', 'administrator', 'case-officer'], iopcDecision: true, words: 'A recommendation' },
  'recommendation-response': { roles: ['appropriate-authority', 'case-officer', 'administrator'], iopcDecision: false, words: 'A response to a recommendation' },
  'recommendation-publication': { roles: ['oversight', 'administrator'], iopcDecision: true, words: 'Publication of a response' },
  'recommendation-extension': { roles: ['oversight', 'appropriate-authority', 'administrator'], iopcDecision: true, words: 'An extension of a recommendation deadline' },
  // Who works each matter (issue 15): a force's own management of its work, not a decision of the regulations.
  allocation: { roles: ['case-officer', 'appropriate-authority', 'administrator'], iopcDecision: false, words: 'An allocation of work' },
  // A person's protected characteristics (Equality Act 2010 s.4), for the Home Office's return: kept with their record.
  'person-characteristics': { roles: PERSON_RECORD_KEEPERS, iopcDecision: false, words: "A person's protected characteristics" },
} as const satisfies Record<string, Grant>;

export type CommandName = keyof typeof COMMAND_GRANTS;

/** A subject's decision, with the fields it carries (a former officer's choice of a misconduct hearing rides on the case-to-answer decision). */
export function subjectDecisionGrant(decision: SubjectDecisionName): Grant {
  const r = DECISION_RULES[decision];
  return { roles: r.madeBy, iopcDecision: false, words: `A ${r.words}` };
}

export function subjectEventGrant(event: SubjectEventName): Grant {
  const r = EVENT_RULES[event];
  return { roles: r.madeBy, iopcDecision: false, words: `The event '${r.words}'` };
}

/**
 * Whether a caller whose role holds the grant may send the command on a matter of `forceId`: always on
 * their own force; on a force they were granted, an administrator always and oversight only for the
 * IOPC's own decisions; never elsewhere.
 */
export function mayActOnForce(caller: { role: Role; forceId: string; forces: readonly string[] }, forceId: string, grant: Grant): boolean {
  if (caller.forceId === forceId) return true;
  const granted = caller.forces.includes('*') || caller.forces.includes(forceId);
  if (!granted) return false;
  return caller.role === 'administrator' || (caller.role === 'oversight' && grant.iopcDecision);
}

/** Reads that need a grant of their own: a person's record (PERSON_RECORD_KEEPERS, above). */
export const READ_GRANTS = {
  person: { roles: PERSON_RECORD_KEEPERS, iopcDecision: false, words: "A person's record" },
} as const satisfies Record<string, Grant>;

/** Whether a role may read people's records (READ_GRANTS.person): who sees protected characteristics in a return. */
export function readsPersonRecords(role: Role): boolean {
  return (READ_GRANTS.person.roles as readonly Role[]).includes(role);
}
