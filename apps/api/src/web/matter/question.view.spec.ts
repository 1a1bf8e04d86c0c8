import { formById, formOnMatter } from './forms';
import { fieldParams } from './question.view';

describe('a question page field', () => {
  const outcome = formById('decision-outcome')!;
  const field = (name: string) => outcome.fields.find((f) => f.name === name)!;

  it('radios carry the answer given, in words', () => {
    const p = fieldParams(field('outcome'), { outcome: 'final-written-warning' }, undefined);
    expect(p.items?.find((i) => i.checked)).toEqual({ value: 'final-written-warning', text: 'Final written warning', checked: true });
  });

  it('a date and time is drawn as day, month and year with the time beside, marked in error together', () => {
    const p = fieldParams(field('occurredAt'), { 'occurredAt-day': '5', 'occurredAt-month': '1', 'occurredAt-year': '2026', 'occurredAt-time': '10:15' }, 'Enter when did it happen');
    expect(p.dateItems?.map((i) => [i.name, i.value])).toEqual([['day', '5'], ['month', '1'], ['year', '2026']]);
    expect(p.time).toBe('10:15');
    expect(p.errorMessage).toEqual({ text: 'Enter when did it happen' });
    expect(p.dateItems?.every((i) => i.classes.includes('govuk-input--error'))).toBe(true);
  });

  it('checkboxes keep each standard ticked', () => {
    const p = fieldParams(field('standardsBreached'), { standardsBreached: ['use-of-force'] }, undefined);
    expect(p.items?.filter((i) => i.checked).map((i) => i.value)).toEqual(['use-of-force']);
  });

  it("an allegation's IOPC category is a select asking for one, in the referral's words, with the answer selected; its subjects are the matter's, by id", () => {
    const added = formOnMatter(formById('matter-event-allegation-added')!, { subjects: [{ subjectId: 'pc-1' }, { subjectId: 'ps-2' }] });
    const category = fieldParams(added.fields.find((f) => f.name === 'category')!, { category: 'B4' }, undefined);
    expect(category.kind).toBe('select');
    expect(category.items?.[0]).toEqual({ value: '', text: 'Choose a category' });
    expect(category.items?.filter((i) => i.selected)).toEqual([{ value: 'B4', text: 'B4 Use of force (Police powers, policies and procedures)', selected: true }]);
    const subjects = fieldParams(added.fields.find((f) => f.name === 'subjectIds')!, { subjectIds: ['ps-2'] }, undefined);
    expect(subjects.items).toEqual([{ value: 'pc-1', text: 'pc-1', checked: false }, { value: 'ps-2', text: 'ps-2', checked: true }]);
  });
});
