import type { SubjectState } from '../types';

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
