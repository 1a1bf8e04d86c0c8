import * as fs from 'fs';
import * as path from 'path';
import { englandAndWalesCalendar } from '@conduct/domain/calendar';
import { CATEGORY_TOTAL_COLUMNS, COMPLAINT_ALLEGATION_COLUMNS, MISCONDUCT_RETURN_COLUMNS, returnRows } from './returns';

describe('the returns’ columns', () => {
  const doc = fs.readFileSync(path.resolve(__dirname, '../../../../docs/returns.md'), 'utf8');

  it('docs/returns.md describes every column of each return, in the order the CSV has them', () => {
    for (const [columns, section] of [[MISCONDUCT_RETURN_COLUMNS, '## (a)'], [COMPLAINT_ALLEGATION_COLUMNS, '## (b)'], [CATEGORY_TOTAL_COLUMNS, '## (c)']] as const) {
      const from = doc.indexOf(section);
      expect(from).toBeGreaterThan(0);
      const rows = (columns as readonly { name: string }[]).map((c) => doc.indexOf(`| \`${c.name}\` |`, from));
      expect(rows.every((i) => i >= 0)).toBe(true);
      expect([...rows].sort((a, b) => a - b)).toEqual(rows);
      expect(new Set(columns.map((c) => c.name)).size).toBe(columns.length);
    }
  });

  it('an allegation in a category the guidance does not have is shown with its code and no name, not dropped', () => {
    const [row] = returnRows(COMPLAINT_ALLEGATION_COLUMNS, [{ forceId: 'f', matterReference: 'M', receivedOn: '2024-04-02', modeOfInvestigation: null, allegationId: 'a', category: 'Q7', subjectId: 's', finding: null, findingOn: null }], englandAndWalesCalendar());
    expect(row).toMatchObject({ category: 'Q7', category_name: null, category_group: null, working_days_to_finding: null });
  });
});
