/**
 * The one mapping from a matter's state to what others see of it: the view the `matterState` query (and
 * every update) answers with, and the snapshot written to the database projection with each change.
 * Pure; unit tested in view.spec.ts.
 */
import { regimeFor, timelinessStartsOn } from '@conduct/domain';
import * as book from '../deadline-book';
import type { MatterInput, MatterSnapshot, MatterState, MatterView } from '../types';

/** What the query and the updates answer with. */
export function matterView(input: Pick<MatterInput, 'referral' | 'imported'>, s: MatterState): MatterView {
  const { referral } = input;
  return {
    reference: referral.reference,
    referralCommandId: referral.commandId ?? null,
    kind: referral.kind,
    regime: regimeFor(referral.kind),
    ruleSet: s.ruleSet ?? null,
    forceId: referral.forceId,
    stage: s.stage,
    iopcReferralRequired: s.iopcReferralRequired,
    modeOfInvestigation: s.modeOfInvestigation ?? null,
    referredToIopcVoluntarily: s.referredToIopcVoluntarily ?? false,
    investigationCompletedOn: s.investigationCompletedOn ?? null,
    investigator: s.investigator ?? null,
    imported: input.imported ? { importedAt: input.imported.importedAt, fingerprint: input.imported.fingerprint } : null,
    subjects: Object.entries(s.subjects).map(([subjectId, x]) => ({ subjectId, workflowId: x.workflowId, closed: x.closed, outcome: x.outcome ?? null })),
    ...(s.allegations ? { allegations: s.allegations } : {}),
    openDeadlines: book.openDeadlines(s.deadlines),
    timelinessStart: timelinessStartsOn(referral.kind, referral.receivedOn, referral.complaintMadeOn),
    timelinessReports: s.timelinessReportRecords ?? [],
    revision: s.revision,
  };
}

/** What is written to the projection with each change (at the revision the change makes). */
export function matterSnapshot(input: Pick<MatterInput, 'referral'>, workflowId: string, s: MatterState): MatterSnapshot {
  const { referral } = input;
  return {
    reference: referral.reference,
    workflowId,
    kind: referral.kind,
    regime: regimeFor(referral.kind),
    ruleSet: s.ruleSet ?? null,
    forceId: referral.forceId,
    stage: s.stage,
    appropriateAuthority: referral.appropriateAuthority,
    iopcReferralRequired: s.iopcReferralRequired,
    modeOfInvestigation: s.modeOfInvestigation ?? null,
    receivedOn: referral.receivedOn,
    complaintMadeOn: referral.complaintMadeOn ?? null,
    timelinessStartsOn: timelinessStartsOn(referral.kind, referral.receivedOn, referral.complaintMadeOn).startsOn,
    timelinessReports: s.timelinessReportRecords ?? [],
    ...(s.investigator ? { investigator: s.investigator } : {}),
    ...(s.allegations?.length ? { allegations: s.allegations } : {}),
    deadlines: s.deadlines,
    revision: s.revision,
  };
}
