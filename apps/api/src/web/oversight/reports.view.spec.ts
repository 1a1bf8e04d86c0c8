import type { QuarterlyRow } from '../../reports/report-data';
import { filterQueryString, monthsOpenBand, overdueView, TABLE_ROWS_SHOWN, quarterlyView, quartersOf, reportFilterOf, timeInStageView, timelinessView } from './reports.view';

describe('oversight’s reports as pages', () => {
  it('checks the filters and names a wrong one', () => {
    expect(reportFilterOf({ forceId: ' wmp ', quarter: '2025/26-Q3' })).toEqual({ filter: { forceId: 'wmp', quarter: { financialYear: '2025/26', quarter: 3 } }, errors: {} });
    expect(reportFilterOf({ forceId: 'no spaces', quarter: '2025/27-Q3' }).errors).toEqual({
      forceId: 'Force must be a force identifier',
      quarter: 'Quarter must be a quarter of a financial year, written like 2025/26-Q3',
    });
    expect(reportFilterOf({ quarter: '2025/26-Q5' }).errors.quarter).toBeDefined();
    expect(reportFilterOf({ quarter: '2099/00-Q1' }).filter.quarter).toEqual({ financialYear: '2099/00', quarter: 1 });
  });

  it('carries the filters into the CSV link, so the download holds the rows on the page', () => {
    expect(filterQueryString({ forceId: 'wmp', quarter: { financialYear: '2025/26', quarter: 3 } })).toBe('?forceId=wmp&quarter=2025%2F26-Q3');
    expect(filterQueryString({})).toBe('');
  });

  it('charts overdue deadlines by deadline, and lists each with its regulation and the matter linked', () => {
    const rows = [
      { matterReference: 'A/1', forceId: 'f', subjectId: 'pc-1', deadline: 'Written notice of investigation', regulation: 'CR reg 17', dueDate: '2026-03-02', status: 'missed', daysOverdue: 10 },
      { matterReference: 'B-2', forceId: 'f', subjectId: null, deadline: 'Timeliness report', regulation: 'CR reg 19 / CMR reg 13', dueDate: '2026-03-03', status: 'open', daysOverdue: 9 },
      { matterReference: 'C-3', forceId: 'f', subjectId: 'pc-2', deadline: 'Written notice of investigation', regulation: 'CR reg 17', dueDate: '2026-03-04', status: 'open', daysOverdue: 8 },
    ];
    const view = overdueView(rows);
    expect(view.charts[0].bars).toEqual([{ label: 'Written notice of investigation', value: 2 }, { label: 'Timeliness report', value: 1 }]);
    expect(view.tables[0].rows[0].map((c) => c.text)).toEqual(['A/1', 'f', 'pc-1', 'Written notice of investigation', 'CR reg 17', '2 March 2026', '10']);
    expect(view.tables[0].rows[0][0].href).toBe('/matter/A%2F1');
    expect(view.tables[0].rows[1][2].text).toBe('The matter');
    expect(view.csvRows).toBe(rows);
    expect(overdueView([]).charts[0].description).toBe('No deadline is overdue.');
  });

  it('bands investigations by months open, as the reports fall due at 12 months and every 6 after', () => {
    expect([12, 17, 18, 23, 24, 60].map(monthsOpenBand)).toEqual(['12 to 17 months', '12 to 17 months', '18 to 23 months', '18 to 23 months', '24 months or more', '24 months or more']);
    const view = timelinessView([{ matterReference: 'A', forceId: 'f', subjectId: 'pc-1', receivedOn: '2024-01-15', timelinessStartsOn: '2023-12-20', stage: 'investigation', monthsOpen: 30 }]);
    expect(view.charts[0].bars.map((b) => b.value)).toEqual([0, 0, 1]);
    expect(view.tables[0].rows[0].map((c) => c.text)).toEqual(['A', 'f', 'pc-1', '15 January 2024', '20 December 2023', 'Investigation', '30']);
  });

  it("charts every row but lists only the first on the page, saying how many there are; the CSV keeps them all", () => {
    const rows = Array.from({ length: TABLE_ROWS_SHOWN + 50 }, (_, i) => ({ matterReference: `M-${i}`, forceId: 'f', subjectId: 'pc-1', receivedOn: '2021-01-15', stage: 'investigation', monthsOpen: 20 }));
    const view = timelinessView(rows);
    expect(view.charts[0].bars.map((b) => b.value)).toEqual([0, TABLE_ROWS_SHOWN + 50, 0]);
    expect(view.tables[0].rows).toHaveLength(TABLE_ROWS_SHOWN);
    expect(view.tables[0].rows[0][0].text).toBe('M-0');
    expect(view.tables[0].total).toBe(TABLE_ROWS_SHOWN + 50);
    expect(view.csvRows).toHaveLength(TABLE_ROWS_SHOWN + 50);
  });

  const quarterly: QuarterlyRow[] = [
    { financialYear: '2024/25', quarter: 4, measure: 'referred-by-kind', value: 'complaint', count: 2 },
    { financialYear: '2024/25', quarter: 4, measure: 'referred-by-kind', value: 'conduct-matter', count: 1 },
    { financialYear: '2025/26', quarter: 1, measure: 'referred-by-kind', value: 'complaint', count: 4 },
    { financialYear: '2025/26', quarter: 1, measure: 'referred-by-stage-now', value: 'investigation', count: 4 },
    { financialYear: '2025/26', quarter: 1, measure: 'outcome', value: 'written-warning', count: 1 },
  ];

  it('charts matters referred per quarter, and with a quarter chosen, that quarter by kind', () => {
    const all = quarterlyView(quarterly);
    expect(all.charts[0].bars).toEqual([{ label: '2024/25 Q4', value: 3 }, { label: '2025/26 Q1', value: 4 }]);
    expect(all.charts[1].bars).toEqual([{ label: 'Written warning', value: 1 }]);
    expect(all.tables[0].rows).toHaveLength(5);
    const one = quarterlyView(quarterly, { financialYear: '2024/25', quarter: 4 });
    expect(one.charts[0].bars).toEqual([{ label: 'Complaint', value: 2 }, { label: 'Conduct matter', value: 1 }]);
    expect(one.csvRows).toHaveLength(2);
    expect(one.tables[0].rows[0].map((c) => c.text)).toEqual(['2024/25', 'Q4', 'Matters referred, by kind', 'Complaint', '2']);
    expect(quartersOf(quarterly)).toEqual([{ financialYear: '2025/26', quarter: 1 }, { financialYear: '2024/25', quarter: 4 }]);
  });

  it('charts the median days in each stage, with the mean and the counts in the table', () => {
    const view = timeInStageView([{ stage: 'investigation', stays: 2, completed: 1, meanDays: 310.5, medianDays: 300 }]);
    expect(view.charts[0].bars).toEqual([{ label: 'Investigation', value: 300 }]);
    expect(view.charts[0].description).toBe('The median days subjects spent in each stage, over 1 stage.');
    expect(view.tables[0].rows[0].map((c) => c.text)).toEqual(['Investigation', '2', '1', '310.5', '300']);
  });
});
