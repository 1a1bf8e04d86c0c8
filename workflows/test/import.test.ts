import { DEADLINE_RULES, addCalendarDays, londonDateOf } from '@conduct/domain';
import type { MatterInput } from '@conduct/workflows';
import { CalendarActivitiesService } from '../../apps/worker/src/activities/calendar.activities';
import { readJsonImport } from '../../apps/api/src/imports/import-format';
import { validateImport } from '../../apps/api/src/imports/import-validation';
import { closedMatter, jsonFile, midwayMatter, type ImportMatter } from '../../test/support/import-files';
import { CASE_OFFICER, freshHarnessPerTest, newReference } from '../../test/support/workflow-harness';

const h = freshHarnessPerTest();

const today = async () => londonDateOf(await h.env.currentTimeMs());

/** The matter's input as POST /imports builds it, the import happening now (the test server's now). */
async function importInput(matter: ImportMatter): Promise<MatterInput> {
  const importedAt = new Date(await h.env.currentTimeMs()).toISOString();
  const { refused, matters } = await validateImport(readJsonImport(jsonFile([matter])), { actor: CASE_OFFICER, importedAt, calendar: new CalendarActivitiesService() });
  expect(refused).toEqual([]);
  return matters[0].input;
}

/** Waits until the projection has the deadlines the workflow set for `key` (the import is written in one change). */
async function deadline(reference: string, key: string): Promise<{ status: string; due_date: string; subject_id: string | null; extensions: unknown[] }> {
  for (let i = 0; i < 100; i++) {
    const [row] = await h.db.query(`SELECT status, to_char(due_date, 'YYYY-MM-DD') AS due_date, subject_id, extensions FROM deadline WHERE matter_reference = $1 AND key = $2`, [reference, key]);
    if (row) return row;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no deadline ${key} for ${reference}`);
}

const actions = async (reference: string) => (await h.audit(reference)).map((a) => a.action);

describe('a matter brought in by an import', () => {
  it('closed: starts closed, every deadline as the data says, and sends nothing', async () => {
    const reference = newReference('imported-closed');
    const handle = await h.startImported(await importInput(closedMatter(reference, 'test-force', await today())));
    const view = await handle.result();
    expect(view).toMatchObject({ stage: 'closed', imported: { fingerprint: expect.any(String) } });
    expect(view.subjects).toEqual([expect.objectContaining({ subjectId: 'pc-1', closed: true }), expect.objectContaining({ subjectId: 'pc-2', closed: true })]);
    const pc1 = await h.subject(reference, 'pc-1');
    expect(pc1).toMatchObject({ stage: 'closed', closedBecause: 'reflective-practice' });
    expect(Object.fromEntries(pc1.deadlines.map((d) => [d.key, d.status]))).toEqual({
      'notice-of-investigation': 'met', representations: 'met', 'case-to-answer-decision': 'met',
      // Reflective practice run to its end (CR reg 70).
      'reflective-review-report': 'met', 'reflective-practice-actions': 'met', 'reflective-practice-review': 'met', 'reflective-practice-check': 'met',
    });
    expect(await h.outbox(reference)).toEqual([]);
    const lines = await actions(reference);
    expect(lines).toEqual(expect.arrayContaining(['matter-referred', 'subject-referred', 'decision:case-to-answer', 'event:investigation-completed', 'matter-closed']));
    expect(lines.filter((a) => a.startsWith('deadline-missed'))).toEqual([]);
  });

  it('mid-way: past deadlines met or missed as the data says with no message; what is open reminds and escalates from today', async () => {
    const reference = newReference('imported-midway');
    const day = await today();
    await h.startImported(await importInput(midwayMatter(reference, 'test-force', day)));
    await h.waitForSubject(reference, 'pc-1');

    // The notice was served 19 days after the assessment: missed, quietly. The representations, extended, were in time.
    expect(await deadline(reference, 'notice-of-investigation')).toMatchObject({ status: 'missed' });
    expect(await deadline(reference, 'representations')).toMatchObject({ status: 'met', due_date: addCalendarDays(day, -10), extensions: [expect.objectContaining({ agreedBy: 'the investigator' })] });
    expect(await deadline(reference, 'case-to-answer-decision')).toMatchObject({ status: 'open' });
    // The complainant's first update was given in time, the second never; the third is still to come.
    expect(await deadline(reference, 'complainant-update-1')).toMatchObject({ status: 'met' });
    expect(await deadline(reference, 'complainant-update-2')).toMatchObject({ status: 'missed' });
    expect(await deadline(reference, 'complainant-update-3')).toMatchObject({ status: 'open' });
    const lines = await actions(reference);
    expect(lines.filter((a) => a.startsWith('deadline-missed')).map((a) => a.split(':').slice(0, 2).join(':')).sort()).toEqual([
      'deadline-missed-before-import:complainant-update-2',
      'deadline-missed-before-import:notice-of-investigation',
    ]);
    expect(await h.outbox(reference)).toEqual([]);

    await h.env.sleep('30 days');
    const sent = (await h.outbox(reference)).map((m) => `${m.purpose}:${m.payload.deadline}`);
    expect(sent).toEqual(
      expect.arrayContaining([
        `reminder:${DEADLINE_RULES.caseToAnswerDecision.name}`,
        `escalation:${DEADLINE_RULES.caseToAnswerDecision.name}`,
        `reminder:${DEADLINE_RULES.complainantUpdate.name}`,
        `escalation:${DEADLINE_RULES.complainantUpdate.name}`,
      ]),
    );
    // Nothing was sent for what passed before the import.
    expect(sent.filter((m) => m.includes(DEADLINE_RULES.noticeOfInvestigation.name))).toEqual([]);
    const missedBefore = (await deadline(reference, 'complainant-update-2')).due_date;
    expect((await h.outbox(reference)).filter((m) => m.payload.dueDate === missedBefore)).toEqual([]);
  });
});
