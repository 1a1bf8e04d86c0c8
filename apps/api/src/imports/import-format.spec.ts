import { parseCsv, readCsvImport, readJsonImport } from './import-format';

describe('reading an import file', () => {
  it('JSON: each matter, subject and step keeps the line it starts on', () => {
    const text = ['{', '  "matters": [', '    {', '      "reference": "A-1",', '      "subjects": [', '        { "subjectId": "pc-1" }', '      ],', '      "steps": [', '        { "event": "x" },', '        {', '          "decision": "y"', '        }', '      ]', '    }', '  ]', '}'].join('\n');
    const { matters, refused } = readJsonImport(text);
    expect(refused).toEqual([]);
    expect(matters).toHaveLength(1);
    expect(matters[0].line).toBe(3);
    expect(matters[0].subjects.map((s) => s.line)).toEqual([6]);
    expect(matters[0].steps.map((s) => s.line)).toEqual([9, 10]);
    expect(matters[0].value).toEqual({ reference: 'A-1', subjects: [{ subjectId: 'pc-1' }] });
  });

  it('JSON: a syntax error is refused with its line; so is a field name that could reach a prototype', () => {
    expect(readJsonImport('{\n "matters": [\n {"a": 1,}\n]}').refused).toEqual([expect.objectContaining({ line: 3, rule: 'file-readable' })]);
    expect(readJsonImport('{"matters": [{"__proto__": {}}]}').refused).toEqual([expect.objectContaining({ rule: 'file-readable', reason: expect.stringContaining('__proto__') })]);
    expect(readJsonImport('[]').refused).toEqual([expect.objectContaining({ field: 'matters', rule: 'file-shape' })]);
  });

  it('JSON: numbers, escapes and nesting read as JSON.parse reads them', () => {
    const value = { matters: [{ a: 'x"\\y\u00e9', b: [1, -2.5e3, true, null, { c: [] }] }] };
    expect(readJsonImport(JSON.stringify(value, null, 1)).matters[0].value).toEqual(value.matters[0]);
  });

  it('CSV: quoted cells may hold commas, quotes and line breaks; each record keeps its first line', () => {
    expect(parseCsv('a,b\n"x, ""y""","line\nbreak"\r\nz,w\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, "y"', 'line\nbreak'] },
      { line: 4, cells: ['z', 'w'] },
    ]);
  });

  it('CSV: a matter row, its subject rows and step rows become one matter; lists, booleans and numbers are typed', () => {
    const text = [
      'row,reference,kind,forceId,receivedOn,recordableCategories,subjectId,subjectKind,finalWrittenWarningLive,decision,occurredAt,warningMonths,standardsBreached',
      'matter,A-1,complaint,f,2025-01-02,serious-assault;relevant-offence,,,,,,,',
      'subject,A-1,,,,,pc-1,police-officer,true,,,,',
      'step,A-1,,,,,pc-1,,,outcome,2025-02-01T10:00:00Z,36,honesty-and-integrity;authority-respect-and-courtesy',
    ].join('\n');
    const { matters, refused } = readCsvImport(text);
    expect(refused).toEqual([]);
    expect(matters[0]).toMatchObject({
      line: 2,
      value: { reference: 'A-1', kind: 'complaint', recordableCategories: ['serious-assault', 'relevant-offence'], subjects: [{ subjectId: 'pc-1', kind: 'police-officer', finalWrittenWarningLive: true }] },
      subjects: [{ line: 3 }],
      steps: [{ line: 4, value: { subjectId: 'pc-1', decision: 'outcome', warningMonths: 36, standardsBreached: ['honesty-and-integrity', 'authority-respect-and-courtesy'] } }],
    });
  });

  it('CSV: an unknown column, a step before its matter row, a field the row type has not, and a short row are refused with their lines', () => {
    expect(readCsvImport('row,reference,colour\n').refused).toEqual([expect.objectContaining({ line: 1, field: 'colour', rule: 'csv-columns' })]);
    const text = ['row,reference,kind,subjectId,event,occurredAt', 'step,B-1,,pc-1,x,2025-01-01T00:00:00Z', 'matter,A-1,complaint,pc-1,,', 'matter,A-2,complaint', 'party,A-1,,,,'].join('\n');
    expect(readCsvImport(text).refused).toEqual([
      expect.objectContaining({ line: 2, rule: 'matter-row-first' }),
      expect.objectContaining({ line: 3, field: 'subjectId', rule: 'csv-columns' }),
      expect.objectContaining({ line: 4, rule: 'csv-row-width' }),
      expect.objectContaining({ line: 5, field: 'row', rule: 'csv-row-type' }),
    ]);
  });
});
