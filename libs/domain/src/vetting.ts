// A referral under the Police (Vetting) Regulations 2025 (SI 2025/502, in force 14 May 2025): a route a case is
// referred to from the severity assessment (CR reg 14(2)(aa), inserted by SI 2025/558 reg 9, from 28 May 2025), not a
// dead end. The vetting authority's withdrawal assessment (Part 3): notice to the officer, the officer's
// representations, then clearance kept or withdrawn. Withdrawal means dismissal without notice, and so a report to the
// barred list; the officer may appeal to an appeal panel, then to the Police Appeals Tribunal. Every vetting period is
// unconfirmed [U] (the periods of SI 2025/502 Part 3 and its appeal provisions were not read): rules/deadlines.ts holds
// them as configurable U rules.
import { compareIsoDates, type IsoDate } from './time';
import type { DeadlineRuleId } from './rules/deadlines';
import { RULE_SET, RULE_SET_WHEN_NONE_RECORDED, type RuleSetId } from './rules/rule-sets';
import { SUBJECT_KINDS, SUBJECT_KIND_RULES, type SubjectKind } from './kinds';

/** The events of the route, after the referral, in the order they usually come. Part of the subject's events. */
export const VETTING_EVENTS = [
  'vetting-withdrawal-notice-served',
  'vetting-representations-received',
  'vetting-clearance-kept',
  'vetting-clearance-withdrawn',
  'vetting-appeal-lodged',
  'vetting-appeal-allowed',
  'vetting-appeal-dismissed',
  'vetting-pat-appeal-lodged',
  'vetting-pat-appeal-allowed',
  'vetting-pat-appeal-dismissed',
] as const;
export type VettingEvent = (typeof VETTING_EVENTS)[number];

/** Each deadline of the route: its key on the track, its rule, what starts it and the event that meets it. */
export const VETTING_DEADLINES = {
  representations: { key: 'vetting-representations', ruleId: 'vettingRepresentations', startedBy: 'vetting-withdrawal-notice-served', metBy: 'vetting-representations-received' },
  appeal: { key: 'vetting-appeal', ruleId: 'vettingAppeal', startedBy: 'vetting-clearance-withdrawn', metBy: 'vetting-appeal-lodged' },
  patAppeal: { key: 'vetting-pat-appeal', ruleId: 'vettingPatAppeal', startedBy: 'vetting-appeal-dismissed', metBy: 'vetting-pat-appeal-lodged' },
} as const satisfies Record<string, { key: string; ruleId: DeadlineRuleId; startedBy: VettingEvent; metBy: VettingEvent }>;

export const VETTING = {
  regulation: 'Police (Vetting) Regulations 2025 (SI 2025/502)',
  inForce: '2025-05-14',
  /** The severity assessment's referral to the Vetting Regulations. */
  referral: { regulation: 'CR reg 14(2)(aa) (SI 2025/558 reg 9)', status: 'C' },
  /**
   * Where a case may be referred: the severity assessment [C]. SI 2025/558 regs 11-13 make matching changes to CR regs
   * 21, 23 and 27 (that they do is C, their contents were not read [U]): the engine allows the same referral on no case
   * to answer and on a withdrawal, under the same rule set.
   */
  referredFrom: ['severity-assessment', 'case-to-answer', 'withdrawal'],
  referredFromStatus: 'U',
  /**
   * Whom the duty to hold vetting clearance binds: police officers (reg 5 [C]); the engine takes those the Conduct
   * Regulations govern (officers and special constables; special constables [U]). Staff and volunteers are not referred.
   */
  subjectKinds: SUBJECT_KINDS.filter((k) => SUBJECT_KIND_RULES[k].conductRegulations) as readonly SubjectKind[],
  /** Withdrawal of clearance: dismissal without notice (SI 2025/502 Part 3 [S]), reported to the barred list as any dismissal (BL&AL Regs reg 3 [S] for a vetting dismissal). */
  dismissal: { outcome: 'dismissal-without-notice', regulation: 'SI 2025/502 Part 3 / BL&AL Regs reg 3', status: 'S' },
  source:
    'SI 2025/502 (Part 1 read [C]; Part 3 withdrawal assessment, dismissal and appeals from 5 Essex Court, Weightmans and the Home Office statutory guidance of 22 July 2025 [S]); every period [U]',
} as const;

export type VettingResult = 'clearance-kept' | 'clearance-withdrawn';

/** What the route has reached; absent on a track never referred to it (or referred before it was tracked). */
export interface VettingRecord {
  referredOn: IsoDate;
  withdrawalNoticeServedOn?: IsoDate;
  representationsReceivedOn?: IsoDate;
  /** The vetting authority's decision on the withdrawal assessment, and when. */
  result?: VettingResult;
  decidedOn?: IsoDate;
  /** Withdrawal of clearance: dismissed without notice that day. */
  dismissedOn?: IsoDate;
  appealLodgedOn?: IsoDate;
  appealResult?: 'allowed' | 'dismissed';
  appealDeterminedOn?: IsoDate;
  patAppealLodgedOn?: IsoDate;
  patAppealResult?: 'allowed' | 'dismissed';
  patAppealDeterminedOn?: IsoDate;
  /** Clearance restored on appeal (the appeal panel or the Tribunal allowed it): the dismissal is overturned. */
  clearanceRestoredOn?: IsoDate;
  /** The day nothing more was awaited: clearance kept, an appeal allowed, or the Tribunal's appeal dismissed. */
  endedOn?: IsoDate;
}

export type VettingCheck = { allowed: true } | { allowed: false; rule: string; regulation: string; reason: string; ruleSet?: RuleSetId };

/**
 * Whether a case under this rule set may be referred under the Vetting Regulations (only where CR reg 14(2)(aa) is in
 * its rules), for a subject of this kind.
 */
export function checkVettingReferral(ruleSet: RuleSetId | undefined, kind: SubjectKind = 'police-officer', leftServiceOn?: IsoDate): VettingCheck {
  const set = RULE_SET[ruleSet ?? RULE_SET_WHEN_NONE_RECORDED];
  if (leftServiceOn) {
    return {
      allowed: false, rule: 'vetting-referral-serving', regulation: 'SI 2025/502 reg 6',
      reason: `the subject left the service on ${leftServiceOn}, and vetting clearance ends when a police officer ceases to be one (SI 2025/502 reg 6): there is no clearance to withdraw; choose another route`,
    };
  }
  if (!VETTING.subjectKinds.includes(kind)) {
    return {
      allowed: false, rule: 'vetting-referral-who', regulation: 'SI 2025/502 reg 5',
      reason: `the duty to hold vetting clearance (SI 2025/502 reg 5) binds ${VETTING.subjectKinds.join(', ')}, not a ${kind}: choose another route`,
    };
  }
  if (set.routing.vettingReferral) return { allowed: true };
  const from = Object.values(RULE_SET).find((r) => r.routing.vettingReferral);
  return {
    allowed: false, rule: 'vetting-referral-rule-set', regulation: VETTING.referral.regulation, ruleSet: set.id,
    reason:
      `a referral under the Police (Vetting) Regulations 2025 is not open under ${set.name} (${set.id}): CR reg 14(2)(aa), inserted by SI 2025/558 reg 9, ` +
      `governs allegations under ${from ? `${from.id} (from ${from.inForce})` : 'a later rule set'}; choose another route`,
  };
}

const refused = (rule: string, reason: string): VettingCheck => ({ allowed: false, rule, regulation: 'SI 2025/502 Part 3', reason });

/** Whether an event of the route may be recorded on `on`, given what the route has reached. */
export function checkVettingEvent(v: VettingRecord | undefined, event: VettingEvent, on: IsoDate): VettingCheck {
  if (!v) return refused('vetting-referred', 'the subject was not referred under the Police (Vetting) Regulations 2025 (or was referred before the engine tracked it)');
  if (v.endedOn) return refused('vetting-route-open', `the vetting route ended on ${v.endedOn}`);
  const last = [v.referredOn, v.withdrawalNoticeServedOn, v.representationsReceivedOn, v.decidedOn, v.appealLodgedOn, v.appealDeterminedOn, v.patAppealLodgedOn]
    .filter((d): d is IsoDate => !!d)
    .sort(compareIsoDates)
    .pop()!;
  if (compareIsoDates(on, last) < 0) return refused('vetting-in-order', `${on} is before the route's last step, on ${last}`);
  switch (event) {
    case 'vetting-withdrawal-notice-served':
      if (v.withdrawalNoticeServedOn) return refused('vetting-step-once', `the notice of the withdrawal assessment was served on ${v.withdrawalNoticeServedOn}`);
      if (v.result) return refused('vetting-notice-before-decision', 'the withdrawal assessment has been decided');
      return { allowed: true };
    case 'vetting-representations-received':
      if (!v.withdrawalNoticeServedOn) return refused('vetting-notice-first', 'the officer has not been given notice of the withdrawal assessment');
      if (v.representationsReceivedOn) return refused('vetting-step-once', `representations were received on ${v.representationsReceivedOn}`);
      if (v.result) return refused('vetting-notice-before-decision', 'the withdrawal assessment has been decided');
      return { allowed: true };
    case 'vetting-clearance-kept':
    case 'vetting-clearance-withdrawn':
      if (v.result) return refused('vetting-decided-once', `the withdrawal assessment was decided on ${v.decidedOn}: ${v.result}`);
      // The officer is told and may be heard before clearance is withdrawn (SI 2025/502 Part 3 [S]).
      if (event === 'vetting-clearance-withdrawn' && !v.withdrawalNoticeServedOn) return refused('vetting-notice-first', 'clearance is withdrawn only after the officer was given notice of the withdrawal assessment');
      return { allowed: true };
    case 'vetting-appeal-lodged':
      if (v.result !== 'clearance-withdrawn') return refused('vetting-appeal-after-withdrawal', 'an appeal to the appeal panel follows a withdrawal of clearance');
      if (v.appealLodgedOn) return refused('vetting-step-once', `an appeal was lodged on ${v.appealLodgedOn}`);
      return { allowed: true };
    case 'vetting-appeal-allowed':
    case 'vetting-appeal-dismissed':
      if (!v.appealLodgedOn) return refused('vetting-appeal-lodged-first', 'no appeal to the appeal panel has been lodged');
      if (v.appealResult) return refused('vetting-step-once', `the appeal was determined on ${v.appealDeterminedOn}`);
      return { allowed: true };
    case 'vetting-pat-appeal-lodged':
      if (v.appealResult !== 'dismissed') return refused('vetting-pat-after-appeal-panel', 'an appeal to the Police Appeals Tribunal follows the appeal panel\'s dismissal of an appeal');
      if (v.patAppealLodgedOn) return refused('vetting-step-once', `an appeal to the Tribunal was lodged on ${v.patAppealLodgedOn}`);
      return { allowed: true };
    case 'vetting-pat-appeal-allowed':
    case 'vetting-pat-appeal-dismissed':
      if (!v.patAppealLodgedOn) return refused('vetting-appeal-lodged-first', 'no appeal to the Police Appeals Tribunal has been lodged');
      return { allowed: true };
  }
}

/** The route after an event (checked already): what it reached, and ended once nothing more is awaited. */
export function vettingAfter(v: VettingRecord, event: VettingEvent, on: IsoDate): VettingRecord {
  const next: VettingRecord = { ...v };
  switch (event) {
    case 'vetting-withdrawal-notice-served': next.withdrawalNoticeServedOn = on; break;
    case 'vetting-representations-received': next.representationsReceivedOn = on; break;
    case 'vetting-clearance-kept': Object.assign(next, { result: 'clearance-kept', decidedOn: on, endedOn: on }); break;
    case 'vetting-clearance-withdrawn': Object.assign(next, { result: 'clearance-withdrawn', decidedOn: on, dismissedOn: on }); break;
    case 'vetting-appeal-lodged': next.appealLodgedOn = on; break;
    case 'vetting-appeal-allowed': Object.assign(next, { appealResult: 'allowed', appealDeterminedOn: on, clearanceRestoredOn: on, endedOn: on }); break;
    case 'vetting-appeal-dismissed': Object.assign(next, { appealResult: 'dismissed', appealDeterminedOn: on }); break;
    case 'vetting-pat-appeal-lodged': next.patAppealLodgedOn = on; break;
    case 'vetting-pat-appeal-allowed': Object.assign(next, { patAppealResult: 'allowed', patAppealDeterminedOn: on, clearanceRestoredOn: on, endedOn: on }); break;
    case 'vetting-pat-appeal-dismissed': Object.assign(next, { patAppealResult: 'dismissed', patAppealDeterminedOn: on, endedOn: on }); break;
  }
  return next;
}

/**
 * Whether the route still awaits a step with no deadline of its own: the withdrawal assessment's decision, or the
 * determination of an appeal lodged. (A window to appeal is a deadline, which keeps the track open while it runs.)
 */
export function vettingAwaiting(v: VettingRecord | undefined): boolean {
  if (!v || v.endedOn) return false;
  if (!v.result) return true;
  if (v.appealLodgedOn && !v.appealResult) return true;
  return !!v.patAppealLodgedOn && !v.patAppealResult;
}
