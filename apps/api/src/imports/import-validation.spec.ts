import { addCalendarDays } from '@conduct/domain';
import { CalendarActivitiesService } from '../../../worker/src/activities/calendar.activities';
import { closedMatter, csvFile, jsonFile, midwayMatter } from '../../../../test/support/import-files';
import { today } from '../../../../test/support/dates';
import * as fs from 'fs';
import * as path from 'path';
import { readCsvImport, readJsonImport } from './import-format';
import { validateImport } from './import-validation';

const calendar = new CalendarActivitiesService();
const actor = { id: 'co-1', role: 'case-officer' as const };
const check = (file: ReturnType<typeof readJsonImport>) => validateImport(file, { actor, importedAt: new Date().toISOString(), calendar });
const at = (days: number) => `${addCalendarDays(today(), days)}T10:00:00Z`;

/** The line in `text` where the object holding `needle` (its first appearance) begins. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  let i = text.slice(0, text.indexOf(needle)).split('\n').length - 1;
  while (lines[i].trim() !== '{') i--;
  return i + 1;
}

describe('checking an import before anything is written', () => {
  it('a closed and a mid-way matter pass, each with its own steps and each subject’s, in the order they happened', async () => {
    const { refused, matters } = await check(readJsonImport(jsonFile([closedMatter('C-1', 'f', today()), midwayMatter('M-1', 'f', today())])));
    expect(refused).toEqual([]);
    expect(matters.map((m) => m.reference)).toEqual(['C-1', 'M-1']);
    const closed = matters[0].input;
    expect(closed.referral).toMatchObject({ reference: 'C-1', referredBy: actor });
    expect(closed.imported!.steps).toEqual([{ event: expect.objectContaining({ event: 'investigation-completed', actor }) }]);
    expect(Object.keys(closed.imported!.subjectSteps)).toEqual(['pc-1', 'pc-2']);
    expect(closed.imported!.subjectSteps['pc-1'].map((s) => ('decision' in s ? s.decision.decision : 'event' in s ? s.event.event : 'extension'))).toEqual([
      'severity-assessment',
      'notice-of-investigation-served',
      'representations-received',
      'investigator-report-submitted',
      'case-to-answer',
      'reflective-review-report-agreed',
      'reflective-practice-actions-completed',
      'reflective-practice-reviewed',
      'reflective-practice-checked',
    ]);
    expect(matters[1].input.imported!.subjectSteps['pc-1']).toContainEqual({ extension: expect.objectContaining({ key: 'representations', agreedBy: 'the investigator' }) });
  });

  it('the same matters read from JSON and from CSV are the same import (one fingerprint)', async () => {
    const file = [closedMatter('C-1', 'f', today()), midwayMatter('M-1', 'f', today())];
    const fromJson = await check(readJsonImport(jsonFile(file)));
    const fromCsv = await check(readCsvImport(csvFile(file)));
    expect(fromCsv.refused).toEqual([]);
    expect(fromCsv.matters.map((m) => m.input.imported!.fingerprint)).toEqual(fromJson.matters.map((m) => m.input.imported!.fingerprint));
    const changed = closedMatter('C-1', 'f', today());
    changed.steps.pop();
    expect((await check(readJsonImport(jsonFile([changed])))).matters[0].input.imported!.fingerprint).not.toBe(fromJson.matters[0].input.imported!.fingerprint);
  });

  it('every refused row is reported with its line, field, reason and rule, and nothing passes', async () => {
    const bad = midwayMatter('M-1', 'f', today());
    bad.steps[0] = { subjectId: 'pc-1', decision: 'severity-assessment', severity: 'awful', rationale: 'as assessed', occurredAt: at(-59) };
    bad.steps.push({ subjectId: 'pc-9', event: 'interview-held', occurredAt: at(-2) });
    bad.steps.push({ event: 'complainant-updated', note: 'tomorrow', occurredAt: at(2) });
    const late = closedMatter('C-1', 'f', today());
    late.steps.push({ subjectId: 'pc-1', event: 'notice-of-investigation-served', occurredAt: at(-299) });
    const text = jsonFile([bad, late]);
    const { refused, matters } = await check(readJsonImport(text));
    expect(matters).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({ line: lineOf(text, '"awful"'), field: 'severity', rule: 'field-valid', reference: 'M-1' }),
      expect.objectContaining({ line: lineOf(text, '"pc-9"'), field: 'subjectId', rule: 'subject-known' }),
      expect.objectContaining({ line: lineOf(text, '"tomorrow"'), field: 'occurredAt', rule: 'field-valid' }),
      expect.objectContaining({ field: 'occurredAt', rule: 'steps-in-order', reference: 'C-1' }),
    ]);
  });

  it('a step the regulations refuse is reported with its line, rule and regulation, before any workflow starts', async () => {
    const m = midwayMatter('M-1', 'f', today());
    // An interview before the written notice of investigation (CR reg 20).
    m.steps.splice(1, 0, { subjectId: 'pc-1', event: 'interview-held', occurredAt: at(-50) });
    const text = jsonFile([m]);
    const { refused } = await check(readJsonImport(text));
    expect(refused).toEqual([expect.objectContaining({ line: lineOf(text, '"interview-held"'), field: 'event', rule: 'no-interview-before-notice', regulation: 'CR reg 20', reason: expect.stringContaining('pc-1') })]);
  });

  it('a decision that does not say why it was made is refused, naming the field, whether it is left out or blank', async () => {
    const m = closedMatter('C-1', 'f', today());
    delete m.steps[0].rationale;
    m.steps[1].rationale = '   ';
    const text = jsonFile([m]);
    const { refused, matters } = await check(readJsonImport(text));
    expect(matters).toEqual([]);
    expect(refused).toEqual([
      expect.objectContaining({ field: 'rationale', rule: 'field-valid', reference: 'C-1', reason: expect.stringMatching(/^rationale is required: every decision says what was decided and why/) }),
      expect.objectContaining({ field: 'rationale', rule: 'field-valid', reference: 'C-1' }),
    ]);
    expect(refused.map((r) => r.line)).toEqual([lineOf(text, '"likelyForm"'), lineOf(text, '"routeIfNeither"')]);
  });

  it('a step on a track the earlier steps closed is refused, as the live track would refuse it', async () => {
    const m = closedMatter('C-1', 'f', today());
    m.steps.push({ subjectId: 'pc-2', event: 'appeal-lodged', occurredAt: at(-10) });
    const { refused } = await check(readJsonImport(jsonFile([m])));
    expect(refused).toEqual([expect.objectContaining({ field: 'event', rule: 'appeal-after-outcome', regulation: 'CR reg 45 / PAT Rules 2020', reference: 'C-1' })]);
  });

  it('a reference twice, and a subject twice, are refused', async () => {
    const m = closedMatter('C-1', 'f', today());
    m.subjects.push({ subjectId: 'pc-1', kind: 'police-officer' });
    const { refused } = await check(readJsonImport(jsonFile([m, closedMatter('C-1', 'f', today())])));
    expect(refused.map((r) => r.rule)).toEqual(expect.arrayContaining(['subject-once', 'reference-once']));
  });

  it("a complaint's made date after its receipt, or a made date on a conduct matter, is refused naming the field and the rule (CMR reg 13)", async () => {
    const conduct = { ...closedMatter('C-1', 'f', today()), complaintMadeOn: addCalendarDays(today(), -301) };
    const late = { ...closedMatter('C-2', 'f', today()), kind: 'complaint', complaintMadeOn: addCalendarDays(today(), -299) };
    const inTime = { ...closedMatter('C-3', 'f', today()), kind: 'complaint', complaintMadeOn: addCalendarDays(today(), -330) };
    const { refused } = await check(readJsonImport(jsonFile([conduct, late, inTime] as ReturnType<typeof closedMatter>[])));
    expect(refused.filter((r) => r.field === 'complaintMadeOn').map((r) => [r.reference, r.rule])).toEqual([['C-1', 'complaint-made-on-complaints-only'], ['C-2', 'complaint-made-before-received']]);
  });

  it('the examples in docs/import.md pass, and the JSON and CSV examples are the same matter', async () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '../../../../docs/import.md'), 'utf8');
    const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(doc)![1];
    const fromJson = await check(readJsonImport(block('json')));
    const fromCsv = await check(readCsvImport(block('csv')));
    expect(fromJson.refused).toEqual([]);
    expect(fromCsv.refused).toEqual([]);
    expect(fromCsv.matters[0].input.imported!.fingerprint).toBe(fromJson.matters[0].input.imported!.fingerprint);
  });
});
