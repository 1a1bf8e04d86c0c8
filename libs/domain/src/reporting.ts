import type { IsoDate } from './time';

/**
 * The financial year runs 1 April to 31 March; oversight reports by its quarters (Q1 April–June …
 * Q4 January–March). A date's financial year is named by its first year and both: '2025/26'.
 */
export interface FinancialQuarter {
  financialYear: string;
  quarter: 1 | 2 | 3 | 4;
}

export function financialQuarterOf(d: IsoDate): FinancialQuarter {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  const start = month >= 4 ? year : year - 1;
  return {
    financialYear: `${start}/${String((start + 1) % 100).padStart(2, '0')}`,
    quarter: (Math.floor(((month + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4,
  };
}
