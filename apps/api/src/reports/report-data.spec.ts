import { quarterlyRows, toCsv } from './report-data';

describe('the reports’ data', () => {
  it('counts matters in the financial quarter they were received, by kind and by stage now, and outcomes in the quarter decided', () => {
    const rows = quarterlyRows(
      [
        { quarter_start: '2024-01-01', kind: 'complaint', stage: 'investigation', count: 1 },
        { quarter_start: '2024-04-01', kind: 'complaint', stage: 'investigation', count: 1 },
        { quarter_start: '2024-04-01', kind: 'complaint', stage: 'closed', count: 1 },
      ],
      [{ quarter_start: '2024-04-01', outcome: 'written-warning', count: 1 }],
    );
    expect(rows).toEqual([
      { financialYear: '2023/24', quarter: 4, measure: 'referred-by-kind', value: 'complaint', count: 1 },
      { financialYear: '2023/24', quarter: 4, measure: 'referred-by-stage-now', value: 'investigation', count: 1 },
      { financialYear: '2024/25', quarter: 1, measure: 'outcome', value: 'written-warning', count: 1 },
      { financialYear: '2024/25', quarter: 1, measure: 'referred-by-kind', value: 'complaint', count: 2 },
      { financialYear: '2024/25', quarter: 1, measure: 'referred-by-stage-now', value: 'closed', count: 1 },
      { financialYear: '2024/25', quarter: 1, measure: 'referred-by-stage-now', value: 'investigation', count: 1 },
    ]);
  });

  it('writes CSV with a header, CRLF line ends, and quotes what a spreadsheet would misread', () => {
    const csv = toCsv([
      { reference: 'A-1', note: 'one, two', said: 'a "quote"', formula: '=HYPERLINK("x")', at: new Date('2026-01-02T03:04:05Z'), none: null },
    ]);
    expect(csv).toBe('reference,note,said,formula,at,none\r\nA-1,"one, two","a ""quote""","=HYPERLINK(""x"")",2026-01-02T03:04:05.000Z,\r\n');
  });

  it('writes an empty report as an empty line', () => {
    expect(toCsv([])).toBe('\r\n');
  });
});
