import { getMetadataStorage } from 'class-validator';
import { MATTER_EVENTS, SUBJECT_DECISIONS, SUBJECT_EVENTS } from '@conduct/domain';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { answerRows, answersFrom, checkAnswers, COMMAND_FORMS, defaultAnswers, formById, londonInstant } from './forms';

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
    for (const f of form.fields) expect([f.name, properties.has(f.derives ?? f.name)]).toEqual([f.name, true]);
    for (const k of Object.keys(form.fixed)) expect(isIn.get(k)).toContain(form.fixed[k]);
    for (const f of form.fields.filter((x) => x.choices)) expect([f.name, [...f.choices!]]).toEqual([f.name, isIn.get(f.name)]);
  });

  it('every decision asks for a rationale and a date and time; every event and extension for a date and time', () => {
    for (const form of COMMAND_FORMS) {
      expect(form.fields.some((f) => f.name === 'occurredAt' && f.kind === 'date-time')).toBe(true);
      if ('decision' in form.fixed) expect(form.fields.find((f) => f.name === 'rationale')?.required).toBe(true);
    }
  });

  it('there is one form for each subject decision, subject event and matter event but those with nested records (list-report details, a panel, the investigator, line managers, an allegation), the mode of investigation and extensions', () => {
    expect(COMMAND_FORMS.filter((f) => f.target === 'subject' && 'decision' in f.fixed)).toHaveLength(SUBJECT_DECISIONS.length);
    const subjectEvents = COMMAND_FORMS.filter((f) => f.target === 'subject' && 'event' in f.fixed).map((f) => (f.fixed as { event: string }).event);
    expect(SUBJECT_EVENTS.filter((e) => !subjectEvents.includes(e))).toEqual(['panel-appointed', 'panel-member-replaced', 'list-report-details-supplied']);
    const matterEvents = COMMAND_FORMS.filter((f) => f.target === 'matter' && 'event' in f.fixed).map((f) => (f.fixed as { event: string }).event);
    expect(MATTER_EVENTS.filter((e) => !matterEvents.includes(e))).toEqual(['investigator-appointed', 'subject-line-management-recorded', 'allegation-added']);
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
