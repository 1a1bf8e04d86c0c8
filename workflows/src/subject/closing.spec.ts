import type { Deadline, SubjectInput } from '../types';
import { closeTrack } from './closing';
import { TrackContext } from './context';
import { newSubjectState } from './state';

// Closing a track, without Temporal: what ends with the case and what outlasts it.
const input = { matterReference: 'M-1', subject: { subjectId: 'PC-1', kind: 'police-officer' }, forceId: 'force-1' } as SubjectInput;
const open = (key: string): Deadline => ({
  key, ruleId: 'noticeOfInvestigation', name: key, regulation: 'reg', trigger: '2026-01-05', dueDate: '2026-03-09', dueAt: '2026-03-09T23:59:59.999Z', reminded: false, status: 'open', extensions: [], target: false,
});

function context(keys: string[], patched: boolean) {
  const s = { ...newSubjectState(), stage: 'investigation' as const, deadlines: keys.map(open) };
  return new TrackContext(input, 'subject-PC-1', s, { computeDeadlines: async () => [], record: async () => {}, updateId: () => undefined, patched: () => patched });
}

describe('closing a subject\'s track', () => {
  it('ends every deadline of the case, but the reports to the College of Policing, a live warning and the appeal decision notice outlast it', () => {
    const ctx = context(['notice-of-investigation', 'representations', 'barred-list-report', 'advisory-list-removal', 'warning-live', 'appeal-decision-notice'], true);
    closeTrack(ctx, 'no-further-action', '2026-02-01');
    expect(ctx.s).toMatchObject({ stage: 'closed', closedBecause: 'no-further-action', closedOn: '2026-02-01' });
    expect(ctx.s.deadlines.map((d) => [d.key, d.status])).toEqual([
      ['notice-of-investigation', 'cancelled'],
      ['representations', 'cancelled'],
      ['barred-list-report', 'open'],
      ['advisory-list-removal', 'open'],
      ['warning-live', 'open'],
      ['appeal-decision-notice', 'open'],
    ]);
  });

  it('closes on the day the step that closed it happened, however late it is recorded', () => {
    const ctx = context(['notice-of-investigation'], true);
    ctx.begin({ actor: { id: 'aa-1', role: 'appropriate-authority' } as never, occurredAt: '2026-02-10T09:00:00Z' });
    closeTrack(ctx, 'reflective-practice');
    expect(ctx.s.closedOn).toBe('2026-02-10');
  });
});
