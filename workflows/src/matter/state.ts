import { ReferralGround, mustReferToIopc } from '@conduct/domain';
import { subjectWorkflowId } from '../ids';
import type { MatterReferral, MatterState } from '../types';

/**
 * A matter as it is referred: awaiting the Director General's mode of investigation where a category
 * requires referral to the IOPC (mustReferToIopc), else investigated locally; one track per subject, none started yet.
 */
export function newMatterState(referral: MatterReferral): MatterState {
  const referralRule = mustReferToIopc(referral.kind, (referral.recordableCategories ?? []) as ReferralGround[]);
  return {
    stage: referralRule.required ? 'awaiting-mode-of-investigation' : 'investigation',
    iopcReferralRequired: referralRule.required,
    modeOfInvestigation: referralRule.required ? undefined : 'local',
    subjects: Object.fromEntries(
      referral.subjects.map((x) => [x.subjectId, { closed: false, workflowId: subjectWorkflowId(referral.reference, x.subjectId) }]),
    ),
    subjectsStarted: false,
    timelinessReports: 0,
    complainantUpdates: 0,
    deadlines: [],
    revision: 0,
    appliedCommands: [],
  };
}
