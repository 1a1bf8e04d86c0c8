import { answersOfPeriod, dateItems, lastFinancialYear, periodOf } from './returns.view';

describe("the returns page's period", () => {
  it('defaults to the last whole financial year: from 1 April the one that ended on 31 March, before it the one before', () => {
    expect(lastFinancialYear('2024-04-01')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(lastFinancialYear('2024-03-31')).toEqual({ from: '2022-04-01', to: '2023-03-31' });
    expect(lastFinancialYear('2024-12-31')).toEqual({ from: '2023-04-01', to: '2024-03-31' });
    expect(answersOfPeriod({ from: '2023-04-01', to: '2024-03-31' })).toEqual({ from: { day: '1', month: '4', year: '2023' }, to: { day: '31', month: '3', year: '2024' } });
  });

  it('takes the days as typed, padded, and gives the period', () => {
    expect(periodOf({ 'from-day': '1', 'from-month': '4', 'from-year': '2023', 'to-day': ' 31 ', 'to-month': '03', 'to-year': '2024' })).toMatchObject({ period: { from: '2023-04-01', to: '2024-03-31' }, errors: {} });
    expect(periodOf({ 'from-day': '5', 'from-month': '6', 'from-year': '2023', 'to-day': '5', 'to-month': '6', 'to-year': '2023' }).period).toEqual({ from: '2023-06-05', to: '2023-06-05' });
  });

  it('names each problem against its own day: missing, not a real date, or a last day before the first', () => {
    expect(periodOf({}).errors).toEqual({ from: 'Enter the first day of the period', to: 'Enter the last day of the period' });
    const unreal = periodOf({ 'from-day': '30', 'from-month': '2', 'from-year': '2024', 'to-day': '1', 'to-month': '13', 'to-year': '2024' });
    expect([unreal.period, Object.keys(unreal.errors)]).toEqual([undefined, ['from', 'to']]);
    expect(unreal.errors.from).toContain('must be a real date');
    const backwards = periodOf({ 'from-day': '2', 'from-month': '4', 'from-year': '2024', 'to-day': '1', 'to-month': '4', 'to-year': '2024' });
    expect(backwards.errors).toEqual({ to: 'The last day of the period must be the same as or after the first day' });
    expect(backwards.answers.from).toEqual({ day: '2', month: '4', year: '2024' });
  });

  it('marks the boxes of a day in error', () => {
    expect(dateItems({ day: '1', month: '4', year: '2023' }, true).map((i) => i.classes)).toEqual(['govuk-input--width-2 govuk-input--error', 'govuk-input--width-2 govuk-input--error', 'govuk-input--width-4 govuk-input--error']);
    expect(dateItems({ day: '', month: '', year: '' }, false)[2]).toEqual({ name: 'year', label: 'Year', value: '', classes: 'govuk-input--width-4' });
  });
});
