import type { SubjectState } from '../types';
import { advisoryListRemoval, advisoryListReport, barredListReport, completeListReport, keepListReport, owesAdvisoryListRemoval } from './list-reports';
import { newSubjectState } from './state';

// The reports to the College of Policing, as the workflow queues them, without Temporal.
const subject = { subjectId: 'PC-1', kind: 'police-officer' as const, rank: 'PC', warrantNumber: 'W123', name: 'A Person', dateOfBirth: '1980-01-01' };

function track(over: Partial<SubjectState> = {}): SubjectState {
  return { ...newSubjectState(), stage: 'investigation', severity: 'gross-misconduct', ...over };
}

describe('reports to the barred and advisory lists', () => {
  it('a dismissal is reported to the barred list with who was dismissed, for what, and by when the report is due (reg 3)', () => {
    const s = track({ stage: 'outcome', form: 'misconduct-hearing', advisoryListReported: true, leftService: { how: 'resigned', on: '2026-02-01' } });
    const report = barredListReport(subject, s, { outcome: 'would-have-been-dismissed', conduct: 'assault', standardsBreached: ['honesty-and-integrity'] }, '2026-03-02', '2026-03-09');
    expect(report).toEqual({
      fullName: 'A Person',
      dateOfBirth: '1980-01-01',
      rank: 'PC',
      warrantNumber: 'W123',
      conduct: 'assault',
      standardsBreached: ['honesty-and-integrity'],
      outcome: 'would-have-been-dismissed',
      decidedOn: '2026-03-02',
      dueDate: '2026-03-09',
      earlierAdvisoryListReport: true,
      leftService: { how: 'resigned', on: '2026-02-01' },
      publicationExemption: null,
      regulation: 'Police Barred List and Police Advisory List Regulations 2017, reg 3',
    });
  });

  it('a resignation during a gross misconduct investigation is reported to the advisory list with the allegation and the likely form (reg 12)', () => {
    const report = advisoryListReport(subject, track({ likelyForm: 'hearing' }), { how: 'resigned', on: '2026-02-01', allegationSummary: 'theft' }, '2026-02-06');
    expect(report).toMatchObject({ fullName: 'A Person', leftOn: '2026-02-01', how: 'resigned', allegationSummary: 'theft', formOfProceedings: 'hearing', severity: 'gross-misconduct', dueDate: '2026-02-06' });
  });

  it('the advisory-list entry is owed a removal once the case closes without a "would have been dismissed" finding (s.88L)', () => {
    expect(owesAdvisoryListRemoval(track({ advisoryListReported: true }))).toBe(false);
    expect(owesAdvisoryListRemoval(track({ stage: 'closed', advisoryListReported: true, outcome: 'final-written-warning' }))).toBe(true);
    expect(owesAdvisoryListRemoval(track({ stage: 'closed', advisoryListReported: true, outcome: 'would-have-been-dismissed' }))).toBe(false);
    expect(owesAdvisoryListRemoval(track({ stage: 'closed', advisoryListReported: true, advisoryListRemovalReported: true }))).toBe(false);
    expect(owesAdvisoryListRemoval(track({ stage: 'closed' }))).toBe(false);
    const removal = advisoryListRemoval(subject, track({ stage: 'closed', closedBecause: 'former-officer-no-gross-misconduct', leftService: { how: 'retired', on: '2026-02-01' } }), '2026-03-01');
    expect(removal).toMatchObject({ leftOn: '2026-02-01', closedBecause: 'former-officer-no-gross-misconduct', regulation: 'Police Act 1996 s.88L' });
  });

  it('a report refused as incomplete is sent again whole, with the details supplied and its correction number', () => {
    const s = track();
    keepListReport(s, 'barred-list-report', { fullName: null, outcome: 'dismissal-without-notice' });
    expect(completeListReport(s, 'barred-list-report', { fullName: 'A Person' })).toEqual({ payload: { fullName: 'A Person', outcome: 'dismissal-without-notice' }, corrections: 1 });
    expect(completeListReport(s, 'barred-list-report', { dateOfBirth: '1980-01-01' }).corrections).toBe(2);
    expect(s.listReports!['barred-list-report']!.payload).toEqual({ fullName: 'A Person', outcome: 'dismissal-without-notice', dateOfBirth: '1980-01-01' });
  });
});
