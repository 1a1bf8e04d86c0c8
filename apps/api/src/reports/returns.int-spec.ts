import { randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { londonDateOf } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import {
  appendAudit,
  complaintAllegationRows,
  misconductReturnRows,
  recordAllegationFindings,
  upsertAllegations,
  upsertMatter,
  upsertSubject,
  type AllegationRow,
} from '@conduct/persistence';
import { toCsv } from './report-data';
import { CATEGORY_TOTAL_COLUMNS, COMPLAINT_ALLEGATION_COLUMNS, MISCONDUCT_RETURN_COLUMNS, allegationsByCategory, headerOnly, returnRows, subjectCharacteristics, type SubjectCharacteristics } from './returns';

/**
 * The returns against a worked example on a real PostgreSQL: four matters of one force written row by row (in a
 * transaction rolled back after), and each return's CSV for the financial year 2024-25 written out by hand.
 * The dates are fixed and past: 2024-04-02 to 2024-06-03 is 42 working days (Easter Monday 1 April, and the bank
 * holidays of 6 and 27 May, do not count); an outcome typed at 23:30 UTC on 3 June 2024 was decided on 4 June in London.
 */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

const FROM = '2024-04-01';
const TO = '2025-03-31';

async function matter(force: string, reference: string, kind: string, receivedOn: string, allegations: AllegationRow[]) {
  await upsertMatter(q, { reference, workflowId: `matter-${reference}`, kind, regime: kind === 'conduct-matter' ? 'conduct-regulations' : 'schedule-3', forceId: force, stage: 'investigation', appropriateAuthority: 'Chief Constable', iopcReferralRequired: false, modeOfInvestigation: 'local', receivedOn, revision: 1 });
  await upsertAllegations(q, reference, allegations);
}

/** A line of the subject's own trail: its action (`event:…` or `decision:…`), when it happened, and its details. */
type TrailLine = [action: string, occurredAt: string, details?: Record<string, unknown>];

async function subject(reference: string, subjectId: string, rank: string, s: { caseToAnswer?: string; form?: string; outcome?: string; outcomeNow?: string; finding?: string; decidedAt?: string; findings?: { allegationId: string; finding: string }[]; trail?: TrailLine[] }) {
  await upsertSubject(q, { matterReference: reference, subjectId, workflowId: `subject-${reference}-${subjectId}`, kind: 'police-officer', rank, warrantNumber: null, stage: s.outcome ? 'outcome' : 'investigation', severity: 'misconduct', caseToAnswer: s.caseToAnswer ?? null, formOfProceedings: s.form ?? null, outcome: s.outcomeNow ?? s.outcome ?? null, closedBecause: null, status: {}, revision: 1 });
  for (const [i, [action, occurredAt, details]] of (s.trail ?? []).entries()) {
    await appendAudit(q, [{ idempotencyKey: `${action}-${reference}-${subjectId}-${i}`, matterReference: reference, subjectId, actor: 'case-officer', actorRole: 'case-officer', action, rule: action, regulation: 'CR', occurredAt, details: details ?? {} }]);
  }
  if (!s.decidedAt) return;
  // As the projection writes an outcome: its audit line, and the findings on the day it was decided in London.
  await appendAudit(q, [{ idempotencyKey: `outcome-${reference}-${subjectId}`, matterReference: reference, subjectId, actor: 'chair', actorRole: 'case-officer', action: 'decision:outcome', rule: 'outcome', regulation: 'CR reg 42', occurredAt: s.decidedAt, details: { outcome: s.outcome, finding: s.finding, ...(s.findings ? { allegationFindings: s.findings } : {}) } }]);
  if (s.findings) await recordAllegationFindings(q, reference, subjectId, londonDateOf(s.decidedAt), s.findings);
}

describe('the returns, checked against a worked example', () => {
  it('a complaint against two officers, a conduct matter, a complaint from the year before and one still open: both returns for 2024-25, line by line', async () => {
    const f = `f-${randomUUID().slice(0, 8)}`;
    const [c1, k2, c3, c4] = ['C1', 'K2', 'C3', 'C4'].map((x) => `${x}-${f}`);
    await matter(f, c1, 'complaint', '2024-04-02', [
      { id: 'a1', alleged: 'pushed the complainant against a wall', subjectIds: ['pc-1', 'pc-2'], category: 'B4', standards: ['use-of-force'] },
      { id: 'a2', alleged: 'swore at the complainant', subjectIds: ['pc-2'], category: 'C1', standards: ['authority-respect-and-courtesy'] },
    ]);
    // pc-1's meeting was held on 30 May; on appeal (to an appeal meeting) reflective practice was substituted for the warning.
    await subject(c1, 'pc-1', 'PC', {
      caseToAnswer: 'misconduct', form: 'misconduct-meeting', outcome: 'written-warning', outcomeNow: 'reflective-practice', finding: 'misconduct', decidedAt: '2024-06-03T10:00:00Z', findings: [{ allegationId: 'a1', finding: 'misconduct' }],
      trail: [['event:proceedings-held', '2024-05-30T09:00:00Z'], ['event:appeal-lodged', '2024-06-10T10:00:00Z'], ['decision:appeal-determination', '2024-07-15T10:00:00Z', { result: 'allowed', substitutedOutcome: 'reflective-practice' }]],
    });
    // pc-2's meeting sat at 23:00 on 3 June in London (22:00 UTC).
    await subject(c1, 'pc-2', 'Sgt', { caseToAnswer: 'misconduct', form: 'misconduct-meeting', outcome: 'no-action', finding: 'neither', decidedAt: '2024-06-03T23:30:00Z', findings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a2', finding: 'neither' }], trail: [['event:proceedings-held', '2024-06-03T22:00:00Z']] });
    await matter(f, k2, 'conduct-matter', '2024-05-01', [{ id: 'b1', alleged: 'looked up a neighbour on the PNC', subjectIds: ['pc-3'], category: 'G1', standards: ['confidentiality', 'honesty-and-integrity'] }]);
    // pc-3: suspended, charged, a hearing over two days, and an appeal to the Police Appeals Tribunal not yet determined.
    await subject(k2, 'pc-3', 'DC', {
      caseToAnswer: 'gross-misconduct', form: 'misconduct-hearing', outcome: 'final-written-warning', finding: 'gross-misconduct', decidedAt: '2024-07-01T14:00:00Z',
      trail: [['event:suspended', '2024-05-02T09:00:00Z'], ['event:criminal-charge', '2024-05-20T09:00:00Z'], ['event:proceedings-held', '2024-06-27T09:00:00Z'], ['event:proceedings-held', '2024-06-28T09:00:00Z'], ['event:appeal-lodged', '2024-07-08T09:00:00Z']],
    });
    await matter(f, c3, 'complaint', '2024-03-28', [{ id: 'c1', alleged: 'did not return a call', subjectIds: ['pc-5'], category: 'A1', standards: [] }]);
    await subject(c3, 'pc-5', 'PC', { outcome: 'no-action', finding: 'neither', decidedAt: '2024-03-29T10:00:00Z', findings: [{ allegationId: 'c1', finding: 'neither' }] });
    await matter(f, c4, 'complaint', '2024-09-10', [{ id: 'd1', alleged: 'sent messages to a victim of crime', subjectIds: ['pc-4'], category: 'E1', standards: ['discreditable-conduct'] }]);
    await subject(c4, 'pc-4', 'PC', {});

    const calendar = englandAndWalesCalendar();
    // Protected characteristics as the API opens them from the person's sealed record (MisconductReturn): pc-1's
    // recorded (33 on 3 June 2024, the day before the birthday), pc-2 without any, pc-3 withheld from the reader.
    const characteristics: Record<string, SubjectCharacteristics> = {
      'pc-1': subjectCharacteristics({ sex: 'female', ethnicity: 'white-irish', dateOfBirth: '1990-06-04' }, '2024-06-03'),
      'pc-2': subjectCharacteristics(undefined, '2024-06-04'),
      'pc-3': 'withheld',
    };
    const rows = (await misconductReturnRows(q, [f], FROM, TO)).map((r) => ({ ...r, characteristics: characteristics[r.subjectId] }));
    const homeOffice = toCsv(returnRows(MISCONDUCT_RETURN_COLUMNS, rows, calendar));
    expect(homeOffice.split('\r\n')).toEqual([
      'force_id,case_reference,case_type,received_on,subject_id,subject_type,rank,severity,case_to_answer,proceedings,proceedings_held_on,finding,outcome,outcome_on,working_days_to_outcome,suspended,criminal_proceedings,appeal_to,appeal_lodged_on,appeal_result,appeal_determined_on,outcome_after_appeal,allegations,allegation_categories,standards_engaged,allegations_proven,allegations_not_proven,sex,ethnic_group,age_band',
      `${f},${c1},complaint,2024-04-02,pc-1,police-officer,PC,misconduct,misconduct,misconduct-meeting,2024-05-30,misconduct,written-warning,2024-06-03,42,no,no,appeal-meeting,2024-06-10,allowed,2024-07-15,reflective-practice,1,B4,use-of-force,1,0,female,white,26-35`,
      `${f},${c1},complaint,2024-04-02,pc-2,police-officer,Sgt,misconduct,misconduct,misconduct-meeting,2024-06-03,neither,no-action,2024-06-04,43,no,no,,,,,,2,B4;C1,authority-respect-and-courtesy;use-of-force,0,2,not-recorded,not-recorded,not-recorded`,
      // 1 May to 1 July 2024: 41 working days (the bank holidays of 6 and 27 May do not count).
      `${f},${k2},conduct-matter,2024-05-01,pc-3,police-officer,DC,misconduct,gross-misconduct,misconduct-hearing,2024-06-28,gross-misconduct,final-written-warning,2024-07-01,41,yes,yes,police-appeals-tribunal,2024-07-08,,,,1,G1,confidentiality;honesty-and-integrity,0,0,withheld,withheld,withheld`,
      '',
    ]);

    const complaints = await complaintAllegationRows(q, [f], FROM, TO);
    const iopc = toCsv(returnRows(COMPLAINT_ALLEGATION_COLUMNS, complaints, calendar));
    expect(iopc.split('\r\n')).toEqual([
      'force_id,case_reference,received_on,mode_of_investigation,allegation_id,category_group,category_group_name,category,category_name,subject_id,finding,finding_on,working_days_to_finding',
      `${f},${c1},2024-04-02,local,a1,B,"Police powers, policies and procedures",B4,Use of force,pc-1,misconduct,2024-06-03,42`,
      `${f},${c1},2024-04-02,local,a1,B,"Police powers, policies and procedures",B4,Use of force,pc-2,neither,2024-06-04,43`,
      `${f},${c1},2024-04-02,local,a2,C,Individual behaviours,C1,Impolite language or tone,pc-2,neither,2024-06-04,43`,
      `${f},${c4},2024-09-10,local,d1,E,Abuse of position / corruption,E1,Abuse of position for sexual purpose,pc-4,,,`,
      '',
    ]);

    // By category: a1 counted once though against two officers, finalised at its last finding (4 June: 43 working days).
    const byCategory = toCsv(returnRows(CATEGORY_TOTAL_COLUMNS, allegationsByCategory(complaints, calendar), calendar));
    expect(byCategory.split('\r\n')).toEqual([
      'category_group,category,category_name,allegations,allegations_finalised,mean_working_days_to_finalise',
      'B,B4,Use of force,1,1,43.0',
      'C,C1,Impolite language or tone,1,1,43.0',
      'E,E1,Abuse of position for sexual purpose,1,0,',
      '',
    ]);
  });

  it('another force’s matters are not in a force’s return, and a period with none gives the header alone', async () => {
    const f = `f-${randomUUID().slice(0, 8)}`;
    await matter(`${f}-other`, `C9-${f}`, 'complaint', '2024-04-02', [{ id: 'a1', alleged: 'was rude', subjectIds: ['pc-1'], category: 'C1', standards: [] }]);
    await subject(`C9-${f}`, 'pc-1', 'PC', { outcome: 'no-action', finding: 'neither', decidedAt: '2024-06-03T10:00:00Z', findings: [{ allegationId: 'a1', finding: 'neither' }] });
    expect(await complaintAllegationRows(q, [f], FROM, TO)).toEqual([]);
    expect(await misconductReturnRows(q, [f], FROM, TO)).toEqual([]);
    expect((await complaintAllegationRows(q, [`${f}-other`], FROM, TO)).map((r) => r.subjectId)).toEqual(['pc-1']);
    expect(headerOnly(COMPLAINT_ALLEGATION_COLUMNS)).toBe(`${COMPLAINT_ALLEGATION_COLUMNS.map((c) => c.name).join(',')}\r\n`);
  });
});
