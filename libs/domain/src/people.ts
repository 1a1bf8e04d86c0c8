// A person of a force, known by their number, and what the engine's own records say about them at a new referral:
// whether a final written warning is live (CR reg 42(5)) and whether they were already reduced in rank.

import type { SubjectKind } from './kinds';
import { compareIsoDates, type IsoDate } from './time';

/** The number a force knows each kind of subject by: a warrant number for an officer, their own number for the others. */
export const PERSON_NUMBER_KINDS = ['warrant-number', 'special-constable-number', 'staff-number', 'volunteer-number'] as const;
export type PersonNumberKind = (typeof PERSON_NUMBER_KINDS)[number];

export const NUMBER_KIND_OF: Readonly<Record<SubjectKind, PersonNumberKind>> = {
  'police-officer': 'warrant-number',
  'special-constable': 'special-constable-number',
  'police-staff': 'staff-number',
  'designated-police-volunteer': 'volunteer-number',
};

/** A person is their number: (force, kind of number, number). No name or date of birth. */
export interface PersonKey {
  forceId: string;
  numberKind: PersonNumberKind;
  number: string;
}

/** The number a subject gives, with its kind, or null for a subject referred without one (nobody to match). */
export function personNumberOf(subject: { kind: SubjectKind; warrantNumber?: string | null }): { numberKind: PersonNumberKind; number: string } | null {
  const number = subject.warrantNumber?.trim();
  if (!number) return null;
  return { numberKind: NUMBER_KIND_OF[subject.kind], number };
}

/** The person a subject is in their force, or null (no number). */
export function personKeyOf(forceId: string, subject: { kind: SubjectKind; warrantNumber?: string | null }): PersonKey | null {
  const n = personNumberOf(subject);
  return n ? { forceId, ...n } : null;
}

export type PersonMatchRefusal = { field: string; rule: string; reason: string; status: 400 | 409 };

/** The rule a match is refused under: one number, one person of the force. */
export const PERSON_MATCH_RULE = 'one-number-one-person';

/**
 * Whether the subjects of one referral can be matched to people without doubt. `known` are the people of the force
 * already holding any of the referral's numbers (of any kind). Refused: two subjects giving the same person (400, a
 * mistake in the request), or a number held by a person of another kind (409, the records disagree: someone must say
 * which is right before a case is joined to the wrong person).
 */
export function checkPersonMatches(
  forceId: string,
  subjects: readonly { subjectId: string; kind: SubjectKind; warrantNumber?: string | null }[],
  known: readonly PersonKey[],
): PersonMatchRefusal | null {
  const seen = new Map<string, string>();
  for (const [i, s] of subjects.entries()) {
    const key = personKeyOf(forceId, s);
    if (!key) continue;
    const other = seen.get(key.number);
    if (other !== undefined) {
      return { status: 400, field: `subjects[${i}].warrantNumber`, rule: PERSON_MATCH_RULE, reason: `subjects[${i}].warrantNumber: subjects '${other}' and '${s.subjectId}' give the same number '${key.number}': one person is one subject of a matter` };
    }
    seen.set(key.number, s.subjectId);
    const clash = known.find((p) => p.forceId === forceId && p.number === key.number && p.numberKind !== key.numberKind);
    if (clash) {
      return {
        status: 409, field: `subjects[${i}].warrantNumber`, rule: PERSON_MATCH_RULE,
        reason: `subjects[${i}].warrantNumber: '${key.number}' is the ${clash.numberKind} of a person of force ${forceId}, and subject '${s.subjectId}' (${s.kind}) gives it as a ${key.numberKind}: the match is ambiguous, so nothing was recorded`,
      };
    }
  }
  return null;
}

/** One of the person's earlier subject tracks, as the engine recorded it. */
export interface EarlierOutcome {
  matterReference: string;
  subjectId: string;
  outcome: string | null;
  /** The day the warning stops being live (CR reg 42), once the outcome was notified. */
  warningLiveUntil: IsoDate | null;
}

export interface DerivedRecord {
  /** A final written warning recorded by this engine is live on the day: the matter goes to a hearing on misconduct (CR reg 42(5)). */
  finalWrittenWarningLive: boolean;
  /** The warning that makes it so, with its live-until date. */
  liveWarning: { matterReference: string; subjectId: string; liveUntil: IsoDate } | null;
  /** The person was reduced in rank in an earlier matter (CR reg 42(3)), for the appropriate authority's information. */
  reducedInRank: { matterReference: string; subjectId: string }[];
  regulation: 'CR reg 42(5)';
}

/**
 * What the engine's own records say on `on` (the new matter's date): a final written warning is live when its
 * live-until date is on or after that day. A written warning does not count (reg 42(5) names the final one).
 */
export function deriveFromEarlierOutcomes(earlier: readonly EarlierOutcome[], on: IsoDate): DerivedRecord {
  const live = earlier
    .filter((e) => e.outcome === 'final-written-warning' && e.warningLiveUntil !== null && compareIsoDates(e.warningLiveUntil, on) >= 0)
    .sort((a, b) => compareIsoDates(b.warningLiveUntil as IsoDate, a.warningLiveUntil as IsoDate))[0];
  return {
    finalWrittenWarningLive: live !== undefined,
    liveWarning: live ? { matterReference: live.matterReference, subjectId: live.subjectId, liveUntil: live.warningLiveUntil as IsoDate } : null,
    reducedInRank: earlier.filter((e) => e.outcome === 'reduction-in-rank').map((e) => ({ matterReference: e.matterReference, subjectId: e.subjectId })),
    regulation: 'CR reg 42(5)',
  };
}

export type TickedWarning =
  | { finalWrittenWarningLive: boolean; source: 'engine-records' | 'recorded-before-the-engine' | 'none'; sourceDetail?: string }
  | { refused: { field: string; rule: string; regulation: string; reason: string } };

/**
 * The value that goes into the case: the engine's records win when they show a live warning; a caller's tick the
 * records do not support is accepted as a warning from before the engine, and must then say where it comes from.
 */
export function settleFinalWrittenWarning(i: number, ticked: boolean | undefined, source: string | undefined, derived: DerivedRecord): TickedWarning {
  if (derived.finalWrittenWarningLive) return { finalWrittenWarningLive: true, source: 'engine-records' };
  if (ticked !== true) return { finalWrittenWarningLive: false, source: 'none' };
  if (!source || source.trim() === '') {
    return {
      refused: {
        field: `subjects[${i}].finalWrittenWarningLiveSource`, rule: 'final-written-warning-source', regulation: 'CR reg 42(5)',
        reason: `subjects[${i}].finalWrittenWarningLiveSource: this engine recorded no live final written warning for the person, so a tick must say where the warning is recorded (CR reg 42(5))`,
      },
    };
  }
  return { finalWrittenWarningLive: true, source: 'recorded-before-the-engine', sourceDetail: source.trim() };
}

