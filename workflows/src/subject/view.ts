/**
 * The one mapping from a subject's track to what others see of it: the view the `subjectState` query (and
 * every update) answers with, and the snapshot written to the database projection with each change.
 * Pure; unit tested in view.spec.ts.
 */
import * as book from '../deadline-book';
import type { Duties } from '@conduct/domain';
import type { AcceleratedHearingWindow, SubjectInput, SubjectSnapshot, SubjectState, SubjectView } from '../types';

type Track = Pick<SubjectInput, 'matterReference' | 'subject'>;

/** What the query and the updates answer with. */
export function subjectView(track: Track, s: SubjectState): SubjectView {
  const { subject } = track;
  return {
    matterReference: track.matterReference,
    subjectId: subject.subjectId,
    kind: subject.kind,
    stage: s.stage,
    severity: s.severity ?? null,
    caseToAnswer: s.caseToAnswer ?? null,
    form: s.form ?? null,
    misconductHearingBecause: s.misconductHearingBecause ?? null,
    outcome: s.outcome ?? null,
    closedBecause: s.closedBecause ?? null,
    heldForCriminalProceedings: s.heldForCriminalProceedings,
    suspended: s.suspended,
    duties: duties(s),
    leftService: s.leftService ?? null,
    warningLiveUntil: s.warningLiveUntil ?? null,
    warningExpired: s.warningExpired,
    acceleratedHearingWindow: acceleratedHearingWindow(s),
    panel: s.panel ?? null,
    reflectivePractice: s.reflectivePractice ?? null,
    vetting: s.vetting ?? null,
    openDeadlines: book.openDeadlines(s.deadlines),
    deadlines: s.deadlines,
    revision: s.revision,
  };
}

/** The row the projection keeps for the subject, at the state's revision. */
export function subjectSnapshot(track: Track, workflowId: string, s: SubjectState): SubjectSnapshot {
  const { subject } = track;
  return {
    matterReference: track.matterReference,
    subjectId: subject.subjectId,
    workflowId,
    kind: subject.kind,
    rank: subject.rank ?? null,
    warrantNumber: subject.warrantNumber ?? null,
    stage: s.stage,
    severity: s.severity ?? null,
    caseToAnswer: s.caseToAnswer ?? null,
    formOfProceedings: s.form ?? null,
    outcome: s.outcome ?? null,
    closedBecause: s.closedBecause ?? null,
    status: {
      suspended: s.suspended,
      duties: duties(s),
      heldForCriminalProceedings: s.heldForCriminalProceedings,
      leftService: s.leftService ?? null,
      warningLiveUntil: s.warningLiveUntil ?? null,
      warningExpired: s.warningExpired,
      proceedingsScheduledFor: s.proceedingsScheduledFor ?? null,
      proceedingsHeldOn: s.proceedingsHeldOn ?? null,
      acceleratedHearingWindow: acceleratedHearingWindow(s),
      misconductHearingBecause: s.misconductHearingBecause ?? null,
      ...(s.panel ? { panel: s.panel } : {}),
      reflectivePractice: s.reflectivePractice ?? null,
      vetting: s.vetting ?? null,
    },
    deadlines: s.deadlines,
    revision: s.revision,
  };
}

/** What the officer is doing while the case runs; a former officer has no duties (a suspension recorded after leaving still shows). */
function duties(s: SubjectState): Duties | null {
  if (s.suspended) return 'suspended';
  if (s.leftService) return null;
  return s.restrictedDuties ?? 'full';
}

/** The window of the accelerated hearing still to be held (the fresh one after an upheld objection replaces the first). */
function acceleratedHearingWindow(s: SubjectState): AcceleratedHearingWindow | null {
  const d = book.findOutstanding(s.deadlines, 'accelerated-hearing');
  if (!d?.earliest) return null;
  return { from: d.earliest, to: d.dueDate, regulation: d.regulation };
}
