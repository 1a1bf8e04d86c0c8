import { getMetadataStorage } from 'class-validator';
import { MATTER_EVENTS, SUBJECT_DECISIONS, SUBJECT_EVENTS } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { AllegationDto, MatterEventDto } from '../../matters/matters.dto';
import { answerRows, answersFrom, checkAnswers, COMMAND_FORMS, defaultAnswers, fieldAt, formById, formOnMatter, londonInstant, type MatterOfForm } from './forms';

const words = { dateInFull: (d: string) => `D:${d}`, dateAndTime: (t: string) => `T:${t}` };

/** The properties a DTO class validates, and the vocabulary of each @IsIn. */
function dtoShape(dto: new () => object): { properties: Set<string>; isIn: Map<string, unknown[]> } {
  const metas = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const isIn = new Map<string, unknown[]>();
  for (const m of metas) if (m.name === 'isIn') isIn.set(m.propertyName, m.constraints[0] as unknown[]);
  return { properties: new Set(metas.map((m) => m.propertyName)), isIn };
}

describe('the forms of decisions and events agree with the API', () => {
  it.each(COMMAND_FORMS.map((f) => [f.id, f] as const))('%s: every field, and the fixed decision or event, is a property its DTO validates, and every choice is its @IsIn vocabulary', (_id, form) => {
    const { properties, isIn } = dtoShape(form.dto);
    // A nested record's fields are its own DTO's (an allegation added: AllegationDto, on MatterEventDto's `allegation`).
    const nested = { allegation: dtoShape(AllegationDto) } as Record<string, ReturnType<typeof dtoShape>>;
    for (const f of form.fields) expect([f.name, properties.has(f.within ?? f.derives ?? f.name), !f.within || nested[f.within].properties.has(f.name)]).toEqual([f.name, true, true]);
    for (const k of Object.keys(form.fixed)) expect(isIn.get(k)).toContain(form.fixed[k]);
    // A matter's subjects are the matter's (formOnMatter), not a vocabulary.
    for (const f of form.fields.filter((x) => x.choices && !(x.within && x.name === 'subjectIds'))) expect([f.name, [...f.choices!]]).toEqual([f.name, (f.within ? nested[f.within].isIn : isIn).get(f.name)]);
  });

  it('every decision asks for a rationale and a date and time; every event and extension for a date and time', () => {
    for (const form of COMMAND_FORMS) {
      expect(form.fields.some((f) => f.name === 'occurredAt' && f.kind === 'date-time')).toBe(true);
      if ('decision' in form.fixed) expect(form.fields.find((f) => f.name === 'rationale')?.required).toBe(true);
    }
  });

  it('there is one form for each subject decision, subject event and matter event but those with nested records (list-report details, a panel, the investigator, line managers), the mode of investigation and extensions', () => {
    expect(COMMAND_FORMS.filter((f) => f.target === 'subject' && 'decision' in f.fixed)).toHaveLength(SUBJECT_DECISIONS.length);
    const subjectEvents = COMMAND_FORMS.filter((f) => f.target === 'subject' && 'event' in f.fixed).map((f) => (f.fixed as { event: string }).event);
    expect(SUBJECT_EVENTS.filter((e) => !subjectEvents.includes(e))).toEqual(['panel-appointed', 'panel-member-replaced', 'list-report-details-supplied']);
    const matterEvents = COMMAND_FORMS.filter((f) => f.target === 'matter' && 'event' in f.fixed).map((f) => (f.fixed as { event: string }).event);
    expect(MATTER_EVENTS.filter((e) => !matterEvents.includes(e))).toEqual(['investigator-appointed', 'subject-line-management-recorded']);
    expect(new Set(COMMAND_FORMS.map((f) => f.id)).size).toBe(COMMAND_FORMS.length);
  });
});

describe('answers checked as the API checks them', () => {
  const severity = formById('decision-severity-assessment')!;
  const yesterday = new Date(Date.now() - 86_400_000);
  const when = (at: Date) => defaultAnswers(severity, at);

  it('a complete severity assessment becomes the API body, with the time as an instant in London time', () => {
    const answers = answersFrom(severity, { ...when(yesterday), severity: 'misconduct', likelyForm: 'meeting', rationale: ' Punched a detainee ', _csrf: 'x', injected: 'y' });
    expect(answers).not.toHaveProperty('_csrf');
    expect(answers).not.toHaveProperty('injected');
    const checked = checkAnswers(severity, answers);
    expect(checked.errors).toEqual([]);
    expect(checked.body).toMatchObject({ decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'Punched a detainee' });
    // To the minute: the form asks hours and minutes.
    expect(Math.abs(Date.parse(String(checked.body!.occurredAt)) - yesterday.getTime())).toBeLessThan(60_000);
  });

  it('a missing severity and rationale are each named against their field, linked to the input', () => {
    const checked = checkAnswers(severity, answersFrom(severity, { ...when(yesterday) }));
    expect(checked.body).toBeUndefined();
    expect(checked.errors).toEqual([
      { field: 'severity', href: '#severity', text: 'Select severity, if the conduct were proved' },
      { field: 'rationale', href: '#rationale', text: 'Enter rationale' },
    ]);
  });

  it('a date in the future is refused by the DTO and named against the date', () => {
    const checked = checkAnswers(severity, answersFrom(severity, { ...when(new Date(Date.now() + 3 * 86_400_000)), severity: 'misconduct', rationale: 'r' }));
    expect(checked.errors).toEqual([{ field: 'occurredAt', href: '#occurredAt-day', text: 'When did it happen must be a real date and time, not in the future' }]);
  });

  it('a date that is not a date, and a time that is not a time, are named', () => {
    const bad = checkAnswers(severity, answersFrom(severity, { 'occurredAt-day': '31', 'occurredAt-month': 'Feb', 'occurredAt-year': '2025', 'occurredAt-time': '10:00', severity: 'misconduct', rationale: 'r' }));
    expect(bad.errors[0]).toMatchObject({ field: 'occurredAt', text: expect.stringContaining('day, month and year') });
    const noTime = checkAnswers(severity, answersFrom(severity, { ...when(yesterday), 'occurredAt-time': '25:00', severity: 'misconduct', rationale: 'r' }));
    expect(noTime.errors[0]).toMatchObject({ field: 'occurredAt', text: expect.stringContaining('24-hour') });
  });

  it("a value outside the DTO's vocabulary is refused with the DTO's own message", () => {
    const checked = checkAnswers(severity, answersFrom(severity, { ...when(yesterday), severity: 'awful', rationale: 'r' }));
    expect(checked.errors).toEqual([{ field: 'severity', href: '#severity', text: expect.stringMatching(/^Severity, if the conduct were proved must be one of the following values/) }]);
  });

  it("a rationale longer than the API's limit is refused", () => {
    const checked = checkAnswers(severity, answersFrom(severity, { ...when(yesterday), severity: 'misconduct', rationale: 'x'.repeat(4001) }));
    expect(checked.errors.map((e) => e.field)).toEqual(['rationale']);
  });

  it('an extension gives a date, a reason and who agreed; checkboxes keep a list', () => {
    const extension = formById('extension')!;
    const checked = checkAnswers(extension, answersFrom(extension, { ...defaultAnswers(extension, yesterday), 'newDueDate-day': '3', 'newDueDate-month': '4', 'newDueDate-year': '2031', reason: 'Officer ill', agreedBy: 'the investigator' }));
    expect(checked.body).toMatchObject({ newDueDate: '2031-04-03', reason: 'Officer ill', agreedBy: 'the investigator' });
    const outcome = formById('decision-outcome')!;
    expect(answersFrom(outcome, { standardsBreached: ['use-of-force', 'confidentiality'] }).standardsBreached).toEqual(['use-of-force', 'confidentiality']);
    expect(answersFrom(outcome, { standardsBreached: 'use-of-force' }).standardsBreached).toEqual(['use-of-force']);
  });

  it('an extension by working days counts them from the present due date; a date and a number of days together, or neither, are named', () => {
    const extension = formById('extension')!;
    const context = { dueDate: '2031-04-03', calendar: englandAndWalesCalendar() };
    const base = { ...defaultAnswers(extension, yesterday), reason: 'Officer ill', agreedBy: 'the investigator' };
    // Thursday 3 April 2031 + 5 working days: Thursday 10 April (no bank holiday between).
    expect(checkAnswers(extension, answersFrom(extension, { ...base, workingDays: '5' }), context).body).toMatchObject({ newDueDate: '2031-04-10' });
    expect(checkAnswers(extension, answersFrom(extension, { ...base, workingDays: '5' }), context).body).not.toHaveProperty('workingDays');
    const both = checkAnswers(extension, answersFrom(extension, { ...base, workingDays: '5', 'newDueDate-day': '1', 'newDueDate-month': '5', 'newDueDate-year': '2031' }), context);
    expect(both.errors).toEqual([{ field: 'newDueDate', href: '#newDueDate-day', text: 'Give new due date or extend by this many working days, not both' }]);
    expect(checkAnswers(extension, answersFrom(extension, base), context).errors.map((e) => e.field)).toEqual(['newDueDate']);
    expect(checkAnswers(extension, answersFrom(extension, { ...base, workingDays: '0' }), context).errors.map((e) => e.field)).toEqual(['workingDays']);
  });

  it('check your answers shows each answer in words, and "Not given" for an optional one left out', () => {
    const rows = answerRows(severity, { decision: 'severity-assessment', severity: 'gross-misconduct', rationale: 'why', occurredAt: '2026-01-05T10:00:00Z' }, words);
    expect(rows.map((r) => [r.key, r.value])).toEqual([
      ['Severity, if the conduct were proved', 'Gross misconduct'],
      ['Likely form of proceedings', 'Not given'],
      ['If neither: what follows instead of proceedings', 'Not given'],
      ['Rationale', 'why'],
      ['When did it happen', 'T:2026-01-05T10:00:00Z'],
    ]);
  });
});

describe('London wall-clock time as an instant', () => {
  it('is GMT in winter and BST in summer', () => {
    expect(londonInstant('2026-01-15', '09:30')).toBe('2026-01-15T09:30:00Z');
    expect(londonInstant('2026-07-15', '9:30')).toBe('2026-07-15T09:30:00+01:00');
  });
  it('is refused for a time that is not one', () => {
    expect(londonInstant('2026-07-15', '24:00')).toBeUndefined();
    expect(londonInstant('2026-07-15', 'noon')).toBeUndefined();
  });
});

describe("the allegations on a matter's forms (issue 15)", () => {
  const matter: MatterOfForm = {
    subjects: [{ subjectId: 'pc-1' }, { subjectId: 'pc-2' }],
    allegations: [
      { id: 'a1', alleged: 'pushed the complainant', category: 'B4', subjectIds: ['pc-1', 'pc-2'] },
      { id: 'a2', alleged: 'swore at the complainant', category: 'C1', subjectIds: ['pc-2'] },
    ],
  };
  const outcome = formById('decision-outcome')!;
  const asked = { ...defaultAnswers(outcome, new Date(Date.now() - 86_400_000)), outcome: 'written-warning', finding: 'misconduct', rationale: 'The meeting found misconduct.' };

  it("an outcome asks the finding on each allegation against the subject, after the overall finding, and no other's", () => {
    const forPc1 = formOnMatter(outcome, matter, 'pc-1');
    const forPc2 = formOnMatter(outcome, matter, 'pc-2');
    const findings = (f: typeof outcome) => f.fields.filter((x) => x.findingOn).map((x) => [x.name, x.label, x.kind, x.required]);
    expect(findings(forPc1)).toEqual([['allegationFinding-a1', 'Finding on allegation a1', 'choice', true]]);
    expect(findings(forPc2).map(([name]) => name)).toEqual(['allegationFinding-a1', 'allegationFinding-a2']);
    expect(forPc2.fields.map((f) => f.name).slice(1, 4)).toEqual(['finding', 'allegationFinding-a1', 'allegationFinding-a2']);
    expect(forPc1.fields.find((f) => f.findingOn)?.hint).toBe('pushed the complainant (IOPC category B4 Use of force)');
  });

  it('an appeal determination asks the findings again, optional, after the substituted outcome: an appeal allowed may find afresh (CR reg 47)', () => {
    const appeal = formOnMatter(formById('decision-appeal-determination')!, matter, 'pc-2');
    expect(appeal.fields.map((f) => f.name).slice(0, 4)).toEqual(['result', 'substitutedOutcome', 'allegationFinding-a1', 'allegationFinding-a2']);
    expect(appeal.fields.filter((f) => f.findingOn).every((f) => !f.required && f.label.endsWith('(optional)'))).toBe(true);
    const base = { ...defaultAnswers(appeal, new Date(Date.now() - 86_400_000)), rationale: 'The appeal meeting found the account credible.' };
    const none = checkAnswers(appeal, answersFrom(appeal, { ...base, result: 'dismissed' }));
    expect([none.errors, none.body?.allegationFindings]).toEqual([[], undefined]);
    const afresh = checkAnswers(appeal, answersFrom(appeal, { ...base, result: 'allowed', substitutedOutcome: 'no-action', 'allegationFinding-a2': 'neither' }));
    expect(afresh.errors).toEqual([]);
    expect(afresh.body).toMatchObject({ decision: 'appeal-determination', result: 'allowed', allegationFindings: [{ allegationId: 'a2', finding: 'neither' }] });
  });

  it('a subject with no allegations, or a matter with none, is not asked any finding', () => {
    expect(formOnMatter(outcome, { ...matter, subjects: [...matter.subjects, { subjectId: 'pc-3' }] }, 'pc-3')).toBe(outcome);
    expect(formOnMatter(outcome, { subjects: matter.subjects }, 'pc-1')).toBe(outcome);
  });

  it("the findings become the outcome's allegationFindings, as its DTO takes them; check your answers lists each", () => {
    const form = formOnMatter(outcome, matter, 'pc-2');
    const checked = checkAnswers(form, answersFrom(form, { ...asked, 'allegationFinding-a1': 'neither', 'allegationFinding-a2': 'gross-misconduct' }));
    expect(checked.errors).toEqual([]);
    expect(checked.body).toMatchObject({ decision: 'outcome', outcome: 'written-warning', allegationFindings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a2', finding: 'gross-misconduct' }] });
    const rows = answerRows(form, checked.body!, words).map((r) => [r.key, r.value]);
    expect(rows).toContainEqual(['Finding on allegation a1', 'Neither']);
    expect(rows).toContainEqual(['Finding on allegation a2', 'Gross misconduct']);
  });

  it('a finding not given, or not one of the three, is named against its question', () => {
    const form = formOnMatter(outcome, matter, 'pc-2');
    const missing = checkAnswers(form, answersFrom(form, { ...asked, 'allegationFinding-a1': 'neither' }));
    expect(missing.errors).toEqual([{ field: 'allegationFinding-a2', href: '#allegationFinding-a2', text: 'Select finding on allegation a2' }]);
    const forged = checkAnswers(form, answersFrom(form, { ...asked, 'allegationFinding-a1': 'neither', 'allegationFinding-a2': 'proven' }));
    expect(forged.errors.map((e) => [e.field, e.href])).toEqual([['allegationFinding-a2', '#allegationFinding-a2']]);
  });

  it("an API refusal's field is the question that asked it", () => {
    const form = formOnMatter(outcome, matter, 'pc-2');
    const body = { allegationFindings: [{ allegationId: 'a1', finding: 'neither' }, { allegationId: 'a2', finding: 'misconduct' }] };
    expect(fieldAt(form, body, 'allegationFindings[1].allegationId')?.name).toBe('allegationFinding-a2');
    expect(fieldAt(form, body, 'allegationFindings')?.name).toBe('allegationFinding-a1');
    expect(fieldAt(form, body, 'outcome')?.name).toBe('outcome');
    expect(fieldAt(form, body, 'nothing-asked')).toBeUndefined();
    const added = formOnMatter(formById('matter-event-allegation-added')!, matter);
    expect(fieldAt(added, {}, 'allegation.subjectIds')?.name).toBe('subjectIds');
    expect(fieldAt(added, {}, 'allegation.id')).toBeUndefined();
  });

  it("an allegation added is asked against the matter's subjects, with the next free id", () => {
    const form = formOnMatter(formById('matter-event-allegation-added')!, matter);
    expect([form.title, form.offeredAs]).toEqual(['New allegation', 'Add an allegation']);
    expect(form.fields.find((f) => f.name === 'subjectIds')?.choices).toEqual(['pc-1', 'pc-2']);
    expect(form.fixed).toEqual({ event: 'allegation-added', allegation: { id: 'a3' } });
    expect(formOnMatter(formById('matter-event-allegation-added')!, { subjects: [], allegations: [{ id: 'a2', alleged: 'x', category: 'B4', subjectIds: [] }] }).fixed.allegation).toEqual({ id: 'a3' });
  });

  it('an allegation added becomes the event with its allegation, as MatterEventDto takes it; no standard ticked is an empty list', () => {
    const form = formOnMatter(formById('matter-event-allegation-added')!, matter);
    const checked = checkAnswers(form, answersFrom(form, { ...defaultAnswers(form, new Date(Date.now() - 86_400_000)), alleged: ' gave a false account ', subjectIds: 'pc-1', category: 'H1' }));
    expect(checked.errors).toEqual([]);
    expect(checked.body).toMatchObject({ event: 'allegation-added', allegation: { id: 'a3', alleged: 'gave a false account', subjectIds: ['pc-1'], category: 'H1', standards: [] } });
    expect(dtoShape(MatterEventDto).properties.has('allegation')).toBe(true);
    const rows = answerRows(form, checked.body!, words).map((r) => [r.key, r.value]);
    expect(rows.slice(0, 4)).toEqual([
      ['What is alleged', 'gave a false account'],
      ['Who it is alleged against', 'pc-1'],
      ['IOPC category', 'H1 Other (Other)'],
      ['Standards of Professional Behaviour engaged', 'None'],
    ]);
    // The form itself is not changed by a matter's answers.
    expect(form.fixed).toEqual({ event: 'allegation-added', allegation: { id: 'a3' } });
  });

  it('an allegation with nothing alleged, no subject, or a category the IOPC does not have, is named against each field', () => {
    const form = formOnMatter(formById('matter-event-allegation-added')!, matter);
    const blank = checkAnswers(form, answersFrom(form, defaultAnswers(form, new Date(Date.now() - 86_400_000))));
    expect(blank.errors).toEqual([
      { field: 'alleged', href: '#alleged', text: 'Enter what is alleged' },
      { field: 'subjectIds', href: '#subjectIds', text: 'Select who it is alleged against' },
      { field: 'category', href: '#category', text: 'Select IOPC category' },
    ]);
    const unknown = checkAnswers(form, answersFrom(form, { ...defaultAnswers(form, new Date(Date.now() - 86_400_000)), alleged: 'x', subjectIds: ['pc-1'], category: 'Z9' }));
    expect(unknown.errors.map((e) => [e.field, e.text])).toEqual([['category', expect.stringContaining("IOPC's complaint categories")]]);
  });
});
