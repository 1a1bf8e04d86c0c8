import { IsoDate, addCalendarDays, londonDateOf, regimeFor } from '@conduct/domain';
import { CalendarActivitiesService } from '../../../apps/worker/src/activities/calendar.activities';
import type { ImportedSubjectStep, SubjectInput } from '../types';
import { applyImportedSteps } from './import';
import { newSubjectState } from './state';

// An imported track applied without Temporal, with the worker's own calendar: dates are counted from today.
const calendar = new CalendarActivitiesService();
const today = (): IsoDate => londonDateOf(Date.now());
const at = (days: number) => `${addCalendarDays(today(), days)}T10:00:00Z`;
const aa = { id: 'aa-1', role: 'appropriate-authority' as const };
const co = { id: 'co-1', role: 'case-officer' as const };

function imported(steps: ImportedSubjectStep[]): SubjectInput {
  return {
    matterReference: 'M-1',
    matterWorkflowId: 'matter-M-1',
    matterKind: 'conduct-matter',
    regime: regimeFor('conduct-matter'),
    forceId: 'force-1',
    receivedOn: addCalendarDays(today(), -40),
    subject: { subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', name: 'A Person', dateOfBirth: '1980-01-01' },
    imported: { importedAt: new Date().toISOString(), steps },
  };
}

const run = (input: SubjectInput, s = newSubjectState()) => applyImportedSteps(input, 'subject-pc-1', s, { computeDeadlines: (r) => calendar.computeDeadlines(r), patched: () => true }, Date.now());

const toHearing: ImportedSubjectStep[] = [
  { decision: { actor: aa, occurredAt: at(-39), decision: 'severity-assessment', severity: 'gross-misconduct', likelyForm: 'hearing' } },
  { event: { actor: co, occurredAt: at(-38), event: 'notice-of-investigation-served' } },
  { decision: { actor: aa, occurredAt: at(-35), decision: 'severity-revision', severity: 'gross-misconduct', likelyForm: 'hearing', reason: 'new evidence' } },
  { event: { actor: co, occurredAt: at(-30), event: 'investigator-report-submitted' } },
  { decision: { actor: aa, occurredAt: at(-28), decision: 'case-to-answer', caseToAnswer: 'gross-misconduct' } },
  { event: { actor: co, occurredAt: at(-5), event: 'proceedings-held' } },
];

describe('a subject brought in by an import', () => {
  it('notices the steps would have sent are withheld; a barred-list report falling due after the import is still sent', async () => {
    const s = newSubjectState();
    const result = await run(imported([...toHearing, { decision: { actor: aa, occurredAt: at(-2), decision: 'outcome', outcome: 'dismissal-without-notice', conduct: 'assault', standardsBreached: ['honesty-and-integrity'] } }]), s);
    expect(result.refused).toBeUndefined();
    expect(s).toMatchObject({ stage: 'outcome', outcome: 'dismissal-without-notice' });
    expect(result.withheld.map((m) => m.purpose)).toEqual(['severity-revised-notice']);
    expect(result.send.map((m) => `${m.purpose} to ${m.recipient}`)).toEqual(['barred-list-report to college-of-policing']);
    expect(result.lines.map((l) => l.idempotencyKey)).toEqual(expect.arrayContaining(['subject-pc-1:import:1', 'subject-pc-1:import:7']));
  });

  it('a list report whose deadline passed before the import is not sent now: its deadline shows missed', async () => {
    const s = newSubjectState();
    const result = await run(imported([...toHearing.slice(0, 5), { event: { actor: co, occurredAt: at(-25), event: 'proceedings-held' } }, { decision: { actor: aa, occurredAt: at(-20), decision: 'outcome', outcome: 'dismissal-without-notice' } }]), s);
    expect(result.send).toEqual([]);
    expect(result.withheld.map((m) => m.purpose)).toEqual(['severity-revised-notice', 'barred-list-report']);
    expect(s.deadlines.find((d) => d.key === 'barred-list-report')).toMatchObject({ status: 'missed' });
    expect(result.lines.map((l) => l.action)).toContain(`deadline-missed-before-import:barred-list-report:${s.barredListReportDue}`);
  });

  it('a deadline met by a step on time is met; one whose step came after it passed is missed, quietly', async () => {
    const s = newSubjectState();
    const late = [toHearing[0], { event: { actor: co, occurredAt: at(-20), event: 'notice-of-investigation-served' } } as ImportedSubjectStep];
    const result = await run(imported(late), s);
    expect(s.deadlines.find((d) => d.key === 'notice-of-investigation')).toMatchObject({ status: 'missed' });
    expect(result.send).toEqual([]);
    const onTime = newSubjectState();
    await run(imported(toHearing.slice(0, 2)), onTime);
    expect(onTime.deadlines.find((d) => d.key === 'notice-of-investigation')).toMatchObject({ status: 'met' });
  });

  it('stops at the first step the rules refuse, naming it, and applies none after it', async () => {
    const s = newSubjectState();
    const result = await run(imported([toHearing[0], { event: { actor: co, occurredAt: at(-30), event: 'interview-held' } }, toHearing[1]]), s);
    expect(result.refused).toMatchObject({ index: 1, rule: 'no-interview-before-notice', regulation: 'CR reg 20' });
    expect(s.noticeOfInvestigationServedOn).toBeUndefined();
  });
});
