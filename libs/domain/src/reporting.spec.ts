import { financialQuarterOf } from './reporting';

describe('financial-year quarters for oversight reports', () => {
  it.each([
    ['2025-04-01', '2025/26', 1],
    ['2025-06-30', '2025/26', 1],
    ['2025-07-01', '2025/26', 2],
    ['2025-12-31', '2025/26', 3],
    ['2026-01-01', '2025/26', 4],
    ['2026-03-31', '2025/26', 4],
    ['1999-04-01', '1999/00', 1],
  ])('%s is in %s quarter %i', (date, financialYear, quarter) => {
    expect(financialQuarterOf(date)).toEqual({ financialYear, quarter });
  });
});
