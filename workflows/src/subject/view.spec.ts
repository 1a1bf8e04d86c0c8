import type { Deadline, SubjectState } from '../types';
import { subjectSnapshot, subjectView } from './view';

// What the API shows of a subject and what the projection keeps, from one state, without Temporal.
const track = { matterReference: 'M-2026-001', subject: { subjectId: 'PC-1', kind: 'police-officer' as const, rank: 'PC', warrantNumber: 'W123', name: 'A Person', dateOfBirth: '1980-01-01' } };

const deadline = (key: string, status: Deadline['status']): Deadline => ({
  key,
  ruleId: 'representations',
  name: key,
  regulation: 'CR reg 18',
  trigger: '2026-02-01',
  dueDate: '2026-02-16',
  dueAt: '2026-02-16T23:59:59.999Z',
  reminded: false,
  status,
  extensions: [],
  target: false,
});

const state: SubjectState = {
  stage: 'misconduct-hearing',
  severity: 'gross-misconduct',
  caseToAnswer: 'gross-misconduct',
  form: 'misconduct-hearing',
  misconductHearingBecause: 'officer-chose-misconduct-hearing',
  finalWrittenWarningLiveAtAssessment: false,
  severalUnconnectedIncidents: false,
  specialConditionsCertified: false,
  heldForCriminalProceedings: false,
  suspended: true,
  suspensionReviews: 1,
  leftService: { how: 'resigned', on: '2026-02-10' },
  advisoryListReported: true,
  proceedingsScheduledFor: '2026-04-01',
  warningExpired: false,
  appealLodged: false,
  deadlines: [deadline('representations', 'met'), deadline('pre-hearing', 'open')],
  revision: 7,
  appliedCommands: ['k1'],
};

describe('what is shown of a subject', () => {
  it('shows the stage, the findings so far and the deadlines still open', () => {
    const view = subjectView(track, state);
    expect(view).toMatchObject({ matterReference: 'M-2026-001', subjectId: 'PC-1', stage: 'misconduct-hearing', severity: 'gross-misconduct', form: 'misconduct-hearing', outcome: null, suspended: true, revision: 7 });
    expect(view.openDeadlines.map((d) => d.key)).toEqual(['pre-hearing']);
    // The former officer's choice of a misconduct hearing (CR reg 21A(3)) is shown; none recorded shows null.
    expect(view.misconductHearingBecause).toBe('officer-chose-misconduct-hearing');
    expect(subjectView(track, { ...state, misconductHearingBecause: undefined }).misconductHearingBecause).toBeNull();
    expect(view.deadlines).toHaveLength(2);
  });

  it('keeps in the projection the status a case officer searches by, and no personal data', () => {
    const snapshot = subjectSnapshot(track, 'subject-M-2026-001-PC-1', state);
    expect(snapshot).toMatchObject({ workflowId: 'subject-M-2026-001-PC-1', rank: 'PC', warrantNumber: 'W123', formOfProceedings: 'misconduct-hearing', revision: 7 });
    expect(snapshot.status).toEqual({
      suspended: true,
      heldForCriminalProceedings: false,
      leftService: { how: 'resigned', on: '2026-02-10' },
      warningLiveUntil: null,
      warningExpired: false,
      duties: 'suspended',
      proceedingsScheduledFor: '2026-04-01',
      proceedingsHeldOn: null,
      acceleratedHearingWindow: null,
      misconductHearingBecause: 'officer-chose-misconduct-hearing',
      reflectivePractice: null,
      vetting: null,
    });
    expect(JSON.stringify(snapshot)).not.toContain('A Person');
    expect(JSON.stringify(snapshot)).not.toContain('1980-01-01');
  });

  it("shows the officer's duties: full, restricted, redeployed or suspended, and none once they have left", () => {
    const serving: SubjectState = { ...state, suspended: false, leftService: undefined };
    expect(subjectView(track, serving).duties).toBe('full');
    expect(subjectView(track, { ...serving, restrictedDuties: 'restricted' }).duties).toBe('restricted');
    expect(subjectSnapshot(track, 'w', { ...serving, restrictedDuties: 'redeployed' }).status.duties).toBe('redeployed');
    expect(subjectView(track, { ...serving, suspended: true }).duties).toBe('suspended');
    expect(subjectView(track, { ...state, suspended: false }).duties).toBeNull();
  });

  it('shows the first and last day of the accelerated hearing still to be held, and no window once it is held (CR reg 52)', () => {
    const window: Deadline = { ...deadline('accelerated-hearing', 'open'), ruleId: 'acceleratedHearing', regulation: 'CR reg 52(1)', earliest: '2026-03-16', dueDate: '2026-03-23' };
    const referred: SubjectState = { ...state, stage: 'accelerated-hearing', form: 'accelerated-hearing', deadlines: [window] };
    const expected = { from: '2026-03-16', to: '2026-03-23', regulation: 'CR reg 52(1)' };
    expect(subjectView(track, referred).acceleratedHearingWindow).toEqual(expected);
    expect(subjectSnapshot(track, 'w', referred).status.acceleratedHearingWindow).toEqual(expected);
    expect(subjectView(track, { ...referred, deadlines: [{ ...window, status: 'met' }] }).acceleratedHearingWindow).toBeNull();
  });
});
