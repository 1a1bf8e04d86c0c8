import { financialQuarterOf, type Role } from '@conduct/domain';

/** Who may read oversight's reports (the API's and the web pages' alike). */
export const REPORT_READERS: readonly Role[] = ['oversight', 'appropriate-authority', 'administrator'];

export interface QuarterlyRow {
  financialYear: string;
  quarter: number;
  measure: 'referred-by-kind' | 'referred-by-stage-now' | 'outcome';
  value: string;
  count: number;
}

/**
 * The quarterly figures: matters referred (by kind, and by stage now) in the quarter they were received, outcomes in
 * the quarter decided. The database counts by the calendar quarter's first day; this names the financial quarter.
 */
export function quarterlyRows(
  referred: { quarter_start: string; kind: string; stage: string; count: number }[],
  outcomes: { quarter_start: string; outcome: string; count: number }[],
): QuarterlyRow[] {
  const rows = new Map<string, QuarterlyRow>();
  const add = (date: string, measure: QuarterlyRow['measure'], value: string, count: number) => {
    const fq = financialQuarterOf(date);
    const key = `${fq.financialYear}|${fq.quarter}|${measure}|${value}`;
    const row = rows.get(key) ?? { ...fq, measure, value, count: 0 };
    row.count += count;
    rows.set(key, row);
  };
  for (const m of referred) {
    add(m.quarter_start, 'referred-by-kind', m.kind, m.count);
    add(m.quarter_start, 'referred-by-stage-now', m.stage, m.count);
  }
  for (const o of outcomes) add(o.quarter_start, 'outcome', o.outcome, o.count);
  return [...rows.values()].sort((a, b) => `${a.financialYear}${a.quarter}${a.measure}${a.value}`.localeCompare(`${b.financialYear}${b.quarter}${b.measure}${b.value}`));
}

/**
 * Rows as CSV (RFC 4180, CRLF), the columns those of the first row. A cell that a spreadsheet would read as a formula
 * (=, +, -, @) is quoted, as are cells with commas, quotes or line breaks.
 */
export function toCsv(rows: readonly object[]): string {
  const columns = rows.length ? Object.keys(rows[0]) : [];
  const cell = (v: unknown) => {
    const s = v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v);
    return /[",\n\r]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((r) => columns.map((c) => cell((r as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
}
