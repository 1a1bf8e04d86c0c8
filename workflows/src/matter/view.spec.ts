import type { Deadline, MatterReferral, MatterState } from '../types';
import { newMatterState } from './state';
import { matterSnapshot, matterView } from './view';

// The one mapping from a matter's state to its view and to the projection's snapshot.
const referral = {
  reference: 'M-1',
  kind: 'dsi-matter',
  forceId: 'force-1',
  appropriateAuthority: 'aa',
  receivedOn: '2026-01-05',
  subjects: [{ subjectId: 'PC-1', kind: 'police-officer' }],
  referredBy: { id: 'aa-1', role: 'appropriate-authority' },
  referredAt: '2026-01-05T10:00:00Z',
  commandId: 'ref-1',
} as MatterReferral;

const open: Deadline = { key: 'iopc-referral', ruleId: 'iopcReferral', name: 'n', regulation: 'r', trigger: '2026-01-05', dueDate: '2026-01-06', dueAt: '2026-01-06T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: true };

describe("a matter's view and snapshot", () => {
  it('shows the regime, the mode, the subjects and only the deadlines still open', () => {
    const s: MatterState = { ...newMatterState(referral), revision: 3, deadlines: [{ ...open }, { ...open, key: 'timeliness-report-1', status: 'met' }] };
    const view = matterView({ referral }, s);
    expect(view).toMatchObject({ reference: 'M-1', referralCommandId: 'ref-1', regime: expect.any(String), stage: 'awaiting-mode-of-investigation', modeOfInvestigation: null, referredToIopcVoluntarily: false, imported: null, revision: 3 });
    expect(view.subjects).toEqual([{ subjectId: 'PC-1', workflowId: expect.stringContaining('PC-1'), closed: false, outcome: null }]);
    expect(view.openDeadlines.map((d) => d.key)).toEqual(['iopc-referral']);
  });

  it('an imported matter says when and from what file it was brought in', () => {
    const imported = { importedAt: '2026-02-01T00:00:00Z', fingerprint: 'abc', steps: [], subjectSteps: {} };
    expect(matterView({ referral, imported }, newMatterState(referral)).imported).toEqual({ importedAt: '2026-02-01T00:00:00Z', fingerprint: 'abc' });
  });

  it('the snapshot carries every deadline, closed ones too, at the revision of the change', () => {
    const s: MatterState = { ...newMatterState(referral), revision: 2, deadlines: [{ ...open, status: 'met' }] };
    expect(matterSnapshot({ referral }, 'matter-M-1', s)).toMatchObject({ reference: 'M-1', workflowId: 'matter-M-1', appropriateAuthority: 'aa', receivedOn: '2026-01-05', modeOfInvestigation: null, revision: 2, deadlines: [{ status: 'met' }] });
  });
});
