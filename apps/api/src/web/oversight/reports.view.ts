import { MATTER_KIND_WORDS, STAGE_WORDS, type FinancialQuarter, type MatterKind, type SubjectStage } from '@conduct/domain';
import type { QuarterlyRow } from '../../reports/report-data';
import { dateInFull, sentenceCase } from '../rendering/words';
import { countBy, counted, figure, type BarChart } from './charts';

// Oversight's reports as pages: each report's rows (as the API's reports give them) become a chart and a table with
// the same numbers, and the filters (force; quarter for the quarterly report) are checked here.

/** The reports, in the order the index lists them; each has a page /oversight/<name> and a download /oversight/<name>.csv. */
export const OVERSIGHT_REPORTS = {
  'overdue-deadlines': { title: 'Overdue deadlines', summary: 'Every deadline missed or past due and not met, oldest first.' },
  timeliness: { title: 'Timeliness', summary: 'Investigations not finished 12 months after the matter reached the appropriate authority: each needs a report to the local policing body (CR reg 19 / CMR reg 13).' },
  quarterly: { title: 'Quarterly figures', summary: 'Matters referred, by kind and by stage now, and outcomes decided, per quarter of the financial year (1 April to 31 March).' },
  'time-in-stage': { title: 'Time in each stage', summary: 'Days subjects spent in each stage: completed stays, and open ones to today.' },
} as const;
export type OversightReport = keyof typeof OVERSIGHT_REPORTS;

export function isOversightReport(name: string): name is OversightReport {
  return Object.prototype.hasOwnProperty.call(OVERSIGHT_REPORTS, name);
}

export interface ReportQuery {
  forceId?: string;
  quarter?: string;
}

export interface ReportFilter {
  /** One force the reader chose, or undefined for every force they may see. */
  forceId?: string;
  quarter?: FinancialQuarter;
}

const FORCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const QUARTER = /^(\d{4})\/(\d{2})-Q([1-4])$/;

/** A quarter as the filter writes it: 2025/26-Q3. */
export const quarterKey = (q: FinancialQuarter) => `${q.financialYear}-Q${q.quarter}`;
const quarterWords = (q: { financialYear: string; quarter: number }) => `${q.financialYear} Q${q.quarter}`;

/** The filters from the query string, each checked and a wrong one named (400), never a 500. Whether the reader may see the force is the caller's check. */
export function reportFilterOf(q: ReportQuery): { filter: ReportFilter; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const filter: ReportFilter = {};
  const forceId = typeof q.forceId === 'string' ? q.forceId.trim() : '';
  if (forceId) (FORCE.test(forceId) ? (filter.forceId = forceId) : (errors.forceId = 'Force must be a force identifier'));
  const quarter = typeof q.quarter === 'string' ? q.quarter.trim() : '';
  if (quarter) {
    const m = QUARTER.exec(quarter);
    if (m && (Number(m[1]) + 1) % 100 === Number(m[2])) filter.quarter = { financialYear: `${m[1]}/${m[2]}`, quarter: Number(m[3]) as 1 | 2 | 3 | 4 };
    else errors.quarter = 'Quarter must be a quarter of a financial year, written like 2025/26-Q3';
  }
  return { filter, errors };
}

/** The filters as a query string, for the CSV link and the paging links: the same rows as the page. */
export function filterQueryString(filter: ReportFilter): string {
  const params = new URLSearchParams();
  if (filter.forceId) params.set('forceId', filter.forceId);
  if (filter.quarter) params.set('quarter', quarterKey(filter.quarter));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export interface Table {
  caption: string;
  head: string[];
  /** Cells; a cell with href is a link. Numbers are right-aligned by the template. */
  rows: { text: string; href?: string; numeric?: boolean }[][];
  /** How many rows the report has, where the page shows only the first of them (the CSV holds every one). */
  total?: number;
}

/**
 * The most rows a report's table shows: a force's long list (thousands of overdue deadlines or long investigations)
 * is read in the CSV; the page shows the chart of all of them and the first rows, oldest first.
 */
export const TABLE_ROWS_SHOWN = 200;
const firstRows = <T>(rows: readonly T[]) => ({ shown: rows.slice(0, TABLE_ROWS_SHOWN), total: rows.length });

export interface ReportView {
  charts: BarChart[];
  tables: Table[];
  /** The rows the CSV download holds (the API's columns). */
  csvRows: object[];
}

const stageWords = (s: unknown) => sentenceCase(STAGE_WORDS[s as SubjectStage] ?? String(s ?? ''));
const matterLink = (reference: unknown) => ({ text: String(reference), href: `/matter/${encodeURIComponent(String(reference))}` });
const num = (n: unknown) => ({ text: figure(Number(n)), numeric: true });
const plain = (v: unknown) => ({ text: v === null || v === undefined ? '' : String(v) });

export function overdueView(rows: Record<string, unknown>[]): ReportView {
  const bars = countBy(rows, (r) => String(r.deadline));
  return {
    charts: [
      {
        id: 'overdue-by-deadline',
        title: 'Overdue deadlines by deadline',
        description: rows.length ? `${counted(rows.length, ['deadline', 'deadlines'])} overdue; the most (${bars[0].value}) are "${bars[0].label}".` : 'No deadline is overdue.',
        bars,
        unit: ['overdue', 'overdue'],
      },
    ],
    tables: [
      {
        caption: 'Overdue deadlines, oldest first',
        head: ['Matter', 'Force', 'Subject', 'Deadline', 'Regulation', 'Due', 'Days overdue'],
        rows: firstRows(rows).shown.map((r) => [matterLink(r.matterReference), plain(r.forceId), plain(r.subjectId ?? 'The matter'), plain(r.deadline), plain(r.regulation), plain(dateInFull(String(r.dueDate))), num(r.daysOverdue)]),
        total: rows.length,
      },
    ],
    csvRows: rows,
  };
}

/** Months open in bands: the report falls due at 12 months and again every 6 (CR reg 19(1), (3)). */
export function monthsOpenBand(months: number): string {
  if (months < 18) return '12 to 17 months';
  if (months < 24) return '18 to 23 months';
  return '24 months or more';
}

export function timelinessView(rows: Record<string, unknown>[]): ReportView {
  const bands = ['12 to 17 months', '18 to 23 months', '24 months or more'];
  const counts = countBy(rows, (r) => monthsOpenBand(Number(r.monthsOpen)));
  return {
    charts: [
      {
        id: 'timeliness-by-months-open',
        title: 'Investigations open 12 months or more, by months open',
        description: rows.length ? `${counted(rows.length, ['subject', 'subjects'])} with an investigation open 12 months or more.` : 'No investigation has been open 12 months or more.',
        bars: bands.map((label) => ({ label, value: counts.find((c) => c.label === label)?.value ?? 0 })),
        unit: ['subject', 'subjects'],
      },
    ],
    tables: [
      {
        caption: 'Investigations open 12 months or more, oldest first',
        // Months are counted from the day the first period started: a complaint's making (CMR reg 13), else its receipt.
        head: ['Matter', 'Force', 'Subject', 'Received', 'Period started', 'Stage', 'Months open'],
        rows: firstRows(rows).shown.map((r) => [matterLink(r.matterReference), plain(r.forceId), plain(r.subjectId), plain(dateInFull(String(r.receivedOn))), plain(dateInFull(String(r.timelinessStartsOn ?? r.receivedOn))), plain(stageWords(r.stage)), num(r.monthsOpen)]),
        total: rows.length,
      },
    ],
    csvRows: rows,
  };
}

const MEASURE_WORDS: Readonly<Record<QuarterlyRow['measure'], string>> = {
  'referred-by-kind': 'Matters referred, by kind',
  'referred-by-stage-now': 'Matters referred, by stage now',
  outcome: 'Outcomes decided',
};

function valueWords(row: QuarterlyRow): string {
  if (row.measure === 'referred-by-kind') return MATTER_KIND_WORDS[row.value as MatterKind] ?? sentenceCase(row.value);
  if (row.measure === 'referred-by-stage-now') return stageWords(row.value);
  return sentenceCase(row.value);
}

/** The quarters the figures cover, newest first: the quarter filter's choices. */
export function quartersOf(rows: QuarterlyRow[]): FinancialQuarter[] {
  const seen = new Map<string, FinancialQuarter>();
  for (const r of rows) seen.set(`${r.financialYear}-Q${r.quarter}`, { financialYear: r.financialYear, quarter: r.quarter as 1 | 2 | 3 | 4 });
  return [...seen.values()].sort((a, b) => quarterKey(b).localeCompare(quarterKey(a)));
}

/** The quarterly figures; with a quarter chosen, that quarter's only, and the charts break it down by kind and by outcome. */
export function quarterlyView(all: QuarterlyRow[], quarter?: FinancialQuarter): ReportView {
  const rows = quarter ? all.filter((r) => r.financialYear === quarter.financialYear && r.quarter === quarter.quarter) : all;
  const sum = (measure: QuarterlyRow['measure'], by: (r: QuarterlyRow) => string) => {
    const totals = new Map<string, number>();
    for (const r of rows.filter((x) => x.measure === measure)) totals.set(by(r), (totals.get(by(r)) ?? 0) + r.count);
    return [...totals.entries()].map(([label, value]) => ({ label, value }));
  };
  const referred = quarter ? sum('referred-by-kind', valueWords) : sum('referred-by-kind', quarterWords);
  const outcomes = sum('outcome', valueWords).sort((a, b) => b.value - a.value);
  const total = (bars: { value: number }[]) => bars.reduce((n, b) => n + b.value, 0);
  const when = quarter ? `in ${quarterWords(quarter)}` : 'by quarter of the financial year';
  return {
    charts: [
      { id: 'quarterly-referred', title: `Matters referred ${quarter ? `in ${quarterWords(quarter)}, by kind` : 'by quarter of the financial year'}`, description: `${counted(total(referred), ['matter', 'matters'])} referred ${when}.`, bars: referred, unit: ['matter', 'matters'] },
      { id: 'quarterly-outcomes', title: `Outcomes decided ${quarter ? `in ${quarterWords(quarter)}` : 'in every quarter'}, by outcome`, description: `${counted(total(outcomes), ['outcome', 'outcomes'])} decided ${when}.`, bars: outcomes, unit: ['outcome', 'outcomes'] },
    ],
    tables: [
      {
        caption: quarter ? `Figures for ${quarterWords(quarter)}` : 'Figures by quarter of the financial year',
        head: ['Financial year', 'Quarter', 'Measure', 'Value', 'Count'],
        rows: rows.map((r) => [plain(r.financialYear), plain(`Q${r.quarter}`), plain(MEASURE_WORDS[r.measure]), plain(valueWords(r)), num(r.count)]),
      },
    ],
    csvRows: rows,
  };
}

export function timeInStageView(rows: Record<string, unknown>[]): ReportView {
  return {
    charts: [
      {
        id: 'time-in-stage-median',
        title: 'Median days in each stage',
        description: rows.length ? `The median days subjects spent in each stage, over ${counted(rows.length, ['stage', 'stages'])}.` : 'No subject has entered a stage yet.',
        bars: rows.map((r) => ({ label: stageWords(r.stage), value: Number(r.medianDays) })),
        unit: ['day', 'days'],
      },
    ],
    tables: [
      {
        caption: 'Days in each stage',
        head: ['Stage', 'Stays', 'Completed', 'Mean days', 'Median days'],
        rows: rows.map((r) => [plain(stageWords(r.stage)), num(r.stays), num(r.completed), num(r.meanDays), num(r.medianDays)]),
      },
    ],
    csvRows: rows,
  };
}
