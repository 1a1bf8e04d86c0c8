import { DECISION_RATIONALE_REQUIRED } from '../refusal';
import type { SubjectState } from '../types';
import { REFLECTIVE_PRACTICE_TRACKED } from './reflective-practice';
import { VETTING_ROUTE } from './vetting';

/** A subject's track as it begins: at the severity assessment, with nothing yet decided or due. */
export function newSubjectState(finalWrittenWarningLive = false): SubjectState {
  return {
    stage: 'severity-assessment',
    finalWrittenWarningLiveAtAssessment: finalWrittenWarningLive,
    severalUnconnectedIncidents: false,
    specialConditionsCertified: false,
    heldForCriminalProceedings: false,
    suspended: false,
    suspensionReviews: 0,
    advisoryListReported: false,
    warningExpired: false,
    appealLodged: false,
    deadlines: [],
    revision: 0,
    appliedCommands: [],
  };
}

/**
 * A track started now, under the patches in force: each decided once, at the start, and kept in its state (a track
 * started before a patch replays and runs as it did). Its order of patched() calls is the workflow's; an import's
 * check asks the same with every patch taken.
 */
export function startedSubjectState(finalWrittenWarningLive: boolean, patched: (id: string) => boolean): SubjectState {
  return {
    ...newSubjectState(finalWrittenWarningLive),
    ...(patched(DECISION_RATIONALE_REQUIRED) ? { decisionRationaleRequired: true } : {}),
    // A referral to reflective practice is tracked until done (CR Part 6), not closed on as before.
    ...(patched(REFLECTIVE_PRACTICE_TRACKED) ? { reflectivePracticeTracked: true } : {}),
    // A referral under the Vetting Regulations only where the rule set has it (CR reg 14(2)(aa)), tracked until done.
    ...(patched(VETTING_ROUTE) ? { vettingRouteTracked: true } : {}),
  };
}
