// The investigator's appointment: who may not investigate (CR reg 15(3); CMR reg 12 for Schedule 3 investigations),
// and a force's own rule against appointing from the subject's unit. Pure; the matter's workflow asks it before
// recording an appointment.

import type { Regime } from './kinds';
import type { RuleStatus } from './rules/deadlines';
import { isSeniorOfficer } from './ranks';

export interface Investigator {
  id: string;
  name?: string;
  /** The unit they work in (a force's professional standards unit, say). */
  unit?: string;
  /** Their force; absent: the matter's own force. */
  forceId?: string;
  /** Everyone they work under, directly or indirectly: their line manager first, then theirs, and so on. */
  lineManagers?: string[];
  /** Declared on appointment: they have an interest in the case (a witness, a complainant, a relation…). */
  interestedParty?: boolean;
}

/** What the checks need of a subject as referred. */
export interface InvestigatedSubject {
  subjectId: string;
  rank?: string;
  /** The unit the subject works in (recorded at referral or later). */
  unit?: string;
  /** Their line-management chain, nearest first (recorded at referral or later). */
  lineManagers?: string[];
}

/** A force's own rules on appointing investigators (INVESTIGATOR_FORCE_SETTINGS, libs/config). */
export interface InvestigatorForceSettings {
  /** Refuse an investigator who works in the same unit as a subject (a force's practice after a review of its own PSU). */
  refuseInvestigatorFromSubjectsUnit?: boolean;
}

/** The bars as data: each names its rule, regulation and status. */
export const INVESTIGATOR_BARS = {
  interestedParty: { rule: 'investigator-not-interested-party', status: 'C' as RuleStatus, what: 'who is an interested party' },
  managedBySubject: { rule: 'investigator-not-managed-by-subject', status: 'C' as RuleStatus, what: 'who works, directly or indirectly, under the management of the officer concerned' },
  isSubject: { rule: 'investigator-not-subject', status: 'C' as RuleStatus, what: 'who is an officer concerned' },
  seniorOfficerSameForce: { rule: 'investigator-senior-officer-other-force', status: 'C' as RuleStatus, what: 'for a senior officer, anyone serving in the same force' },
  sameUnit: { rule: 'investigator-not-from-subjects-unit', status: 'C' as RuleStatus, what: "from the subject's own unit, where the force's setting refuses it" },
} as const;

/** The regulation of the bars: CR reg 15(3) (C) for Part 3; CMR reg 12 for Schedule 3 investigations (its text not read, U). */
export function investigatorRegulation(regime: Regime): { regulation: string; status: RuleStatus } {
  return regime === 'conduct-regulations'
    ? { regulation: 'CR reg 15(3)', status: 'C' }
    : { regulation: 'CMR reg 12 (text not read; CR reg 15(3) applied)', status: 'U' };
}

export type InvestigatorCheck = { allowed: true; independent: boolean; notIndependentOf: string[] } | { allowed: false; rule: string; regulation: string; reason: string };

/**
 * Whether the investigator may be appointed to investigate these subjects, and whether they are independent of each
 * (not in the subject's unit, line-management chain or above them): independence short of a bar is recorded, not refused.
 */
export function checkInvestigator(q: { regime: Regime; forceId: string; investigator: Investigator; subjects: readonly InvestigatedSubject[]; settings?: InvestigatorForceSettings }): InvestigatorCheck {
  const { investigator: inv } = q;
  const { regulation } = investigatorRegulation(q.regime);
  if (!inv || typeof inv.id !== 'string' || !inv.id.trim()) return { allowed: false, rule: 'investigator-named', regulation, reason: 'investigator.id must name the investigator' };
  if (inv.lineManagers !== undefined && (!Array.isArray(inv.lineManagers) || inv.lineManagers.some((m) => typeof m !== 'string'))) {
    return { allowed: false, rule: 'investigator-line-managers', regulation, reason: 'investigator.lineManagers must list the ids of those they work under' };
  }
  const bar = (b: keyof typeof INVESTIGATOR_BARS, reason: string, reg = regulation) => ({ allowed: false as const, rule: INVESTIGATOR_BARS[b].rule, regulation: reg, reason });
  if (inv.interestedParty === true) return bar('interestedParty', `${inv.id} is an interested party: nobody ${INVESTIGATOR_BARS.interestedParty.what} may be appointed (${regulation})`);
  for (const s of q.subjects) {
    if (s.subjectId === inv.id) return bar('isSubject', `${inv.id} is a subject of this matter and cannot investigate it (${regulation})`);
    if ((inv.lineManagers ?? []).includes(s.subjectId)) {
      return bar('managedBySubject', `${inv.id} works under the management of ${s.subjectId}: nobody ${INVESTIGATOR_BARS.managedBySubject.what} may be appointed (${regulation})`);
    }
    if (isSeniorOfficer(s.rank) && (inv.forceId ?? q.forceId) === q.forceId) {
      return bar('seniorOfficerSameForce', `${s.subjectId} is a senior officer (${s.rank}): the investigator must not serve in ${q.forceId} (${regulation}); investigator.forceId names their force`);
    }
    if (q.settings?.refuseInvestigatorFromSubjectsUnit && inv.unit && s.unit && sameUnit(inv.unit, s.unit)) {
      return bar('sameUnit', `${inv.id} works in ${s.subjectId}'s unit (${s.unit}), and ${q.forceId} appoints investigators from outside the subject's unit (force setting INVESTIGATOR_FORCE_SETTINGS)`, `force setting: refuseInvestigatorFromSubjectsUnit`);
    }
  }
  const notIndependentOf = q.subjects
    .filter((s) => (inv.unit && s.unit && sameUnit(inv.unit, s.unit)) || (s.lineManagers ?? []).includes(inv.id))
    .map((s) => s.subjectId);
  return { allowed: true, independent: notIndependentOf.length === 0, notIndependentOf };
}

function sameUnit(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** INVESTIGATOR_FORCE_SETTINGS as configured: {"<forceId>": {"refuseInvestigatorFromSubjectsUnit": true}}; refused (thrown) if malformed. */
export function parseInvestigatorForceSettings(text: string): Record<string, InvestigatorForceSettings> {
  const raw = JSON.parse(text) as unknown;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('INVESTIGATOR_FORCE_SETTINGS must be a JSON object of forces');
  for (const [force, settings] of Object.entries(raw as Record<string, unknown>)) {
    if (!settings || typeof settings !== 'object') throw new Error(`INVESTIGATOR_FORCE_SETTINGS.${force} must be an object`);
    for (const [k, v] of Object.entries(settings)) {
      if (k !== 'refuseInvestigatorFromSubjectsUnit') throw new Error(`INVESTIGATOR_FORCE_SETTINGS.${force}: unknown setting ${k}`);
      if (typeof v !== 'boolean') throw new Error(`INVESTIGATOR_FORCE_SETTINGS.${force}.${k} must be true or false`);
    }
  }
  return raw as Record<string, InvestigatorForceSettings>;
}
