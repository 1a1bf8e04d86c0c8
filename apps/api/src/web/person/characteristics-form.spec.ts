import { answersOf, characteristicsChoices, characteristicsRows, formErrorOf, readCharacteristicsForm } from './characteristics-form';

const today = '2018-11-30';
const form = (o: Record<string, string> = {}) => ({ sex: 'male', ethnicity: 'black-african', 'dateOfBirth-day': '7', 'dateOfBirth-month': '3', 'dateOfBirth-year': '1984', source: 'HR system export 2026-11', ...o });

describe('the form "Record protected characteristics"', () => {
  it('reads the three boxes of the date of birth as one padded date and leaves out what was not recorded', () => {
    expect(readCharacteristicsForm(form(), today)).toMatchObject({ input: { sex: 'male', ethnicity: 'black-african', dateOfBirth: '1984-03-07', source: 'HR system export 2026-11' }, errors: {} });
    expect(readCharacteristicsForm(form({ sex: '', 'dateOfBirth-day': '', 'dateOfBirth-month': '', 'dateOfBirth-year': '' }), today)).toMatchObject({ input: { sex: undefined, dateOfBirth: undefined }, errors: {} });
  });

  it('names every field at fault at once, each linked to its first input', () => {
    const { errors } = readCharacteristicsForm(form({ sex: 'X', ethnicity: 'martian', 'dateOfBirth-day': '31', 'dateOfBirth-month': '2', source: '' }), today);
    expect(Object.keys(errors)).toEqual(['sex', 'ethnicity', 'dateOfBirth-day', 'source']);
    expect(errors['dateOfBirth-day']).toMatch(/real date/);
    expect(errors.source).toBe('Enter where these come from');
    expect(readCharacteristicsForm(form({ source: 'x'.repeat(201) }), today).errors).toEqual({ source: 'Where these come from must be 200 characters or fewer' });
  });

  it('a date of birth in the future or under 16, and nothing recorded at all, are refused in words', () => {
    expect(readCharacteristicsForm(form({ 'dateOfBirth-year': '2027' }), today).errors).toEqual({ 'dateOfBirth-day': 'Date of birth must be in the past' });
    expect(readCharacteristicsForm(form({ 'dateOfBirth-year': '2011', 'dateOfBirth-month': '12' }), today).errors).toEqual({ 'dateOfBirth-day': 'Date of birth must make the person 16 or older today' });
    const none = readCharacteristicsForm({ source: 'HR' }, today).errors;
    expect(Object.keys(none)).toEqual(['sex']);
  });

  it("an API refusal becomes the form's error on its field", () => {
    expect(formErrorOf('ethnicity-known', 'ethnicity', 'ethnicity must be one of …')).toEqual({ ethnicity: 'Select the ethnicity from the list' });
    expect(formErrorOf('unknown-rule', 'dateOfBirth', 'why')).toEqual({ 'dateOfBirth-day': 'why' });
  });

  it('starts from the record, groups the ethnicities under the census groups, and offers "Not recorded"', () => {
    const answers = answersOf({ sex: 'female', ethnicity: 'white-roma', ethnicGroup: 'white', dateOfBirth: '1982-05-07', source: 's', recordedAt: '2018-11-01T10:00:00.000Z', recordedBy: 'aa' });
    expect(answers).toEqual({ sex: 'female', ethnicity: 'white-roma', dateOfBirth: { day: '7', month: '5', year: '1982' }, source: '' });
    const choices = characteristicsChoices(answers);
    expect(choices.sexItems.filter((i) => 'checked' in i && i.checked)).toEqual([{ value: 'female', text: 'Female', checked: true }]);
    expect(choices.ethnicityGroups.map((g) => [g.label, g.options.length])).toEqual([
      ['Asian, Asian British or Asian Welsh', 5], ['Black, Black British, Black Welsh, Caribbean or African', 3], ['Mixed or Multiple ethnic groups', 4], ['White', 5], ['Other ethnic group', 2],
    ]);
    expect(choices.ethnicityGroups[3].options.find((o) => o.selected)?.value).toBe('white-roma');
    expect(choices.ethnicityOthers).toEqual([{ value: 'not-stated', text: 'Not stated', selected: false }]);
  });

  it("shows the record in words, with the person's age today; nothing when none is recorded", () => {
    const rows = characteristicsRows({ sex: null, ethnicity: 'mixed-white-and-asian', ethnicGroup: 'mixed', dateOfBirth: '1992-02-29', source: 'HR', recordedAt: '2018-11-01T10:00:00.000Z', recordedBy: 'aa-1' }, today);
    expect(rows!.map((r) => r.value.text)).toEqual(['Not recorded', 'Mixed or Multiple ethnic groups: White and Asian', '29 February 1992 (aged 26 today)', 'HR', '1 November 2018 at 10:00 by aa-1']);
    expect(characteristicsRows(null, today)).toBeNull();
  });
});
