/**
 * The two formats an import file may take (docs/import.md), read into one shape: each matter with its
 * subjects and its steps in file order, every part keeping the line it starts on, so a refusal names it.
 * Nothing here judges the content; import-validation.ts does.
 */

/** A value read from the file, and the line it starts on. */
export interface Located<T = Record<string, unknown>> {
  line: number;
  value: T;
}

export interface ImportMatterRows extends Located {
  subjects: Located[];
  steps: Located[];
}

export interface FormatRefusal {
  line: number;
  field: string | null;
  reason: string;
  rule: string;
}

export type ReadFile = { matters: ImportMatterRows[]; refused: FormatRefusal[] };

// ---- JSON ---------------------------------------------------------------------------------------------

/** `{ "matters": [ { ...referral, "subjects": [...], "steps": [...] } ] }` */
export function readJsonImport(text: string): ReadFile {
  let parsed: { value: unknown; lines: WeakMap<object, number> };
  try {
    parsed = parseJsonWithLines(text);
  } catch (err) {
    return { matters: [], refused: [{ line: (err as JsonSyntaxError).line ?? 1, field: null, reason: (err as Error).message, rule: 'file-readable' }] };
  }
  const { value, lines } = parsed;
  const lineOf = (v: unknown, fallback: number) => (v && typeof v === 'object' ? lines.get(v) ?? fallback : fallback);
  const root = value as { matters?: unknown };
  if (!root || typeof root !== 'object' || Array.isArray(root) || !Array.isArray(root.matters)) {
    return { matters: [], refused: [{ line: 1, field: 'matters', reason: 'the file must be an object whose "matters" is a list of matters', rule: 'file-shape' }] };
  }
  const matters: ImportMatterRows[] = [];
  const refused: FormatRefusal[] = [];
  for (const m of root.matters) {
    const line = lineOf(m, 1);
    if (!m || typeof m !== 'object' || Array.isArray(m)) {
      refused.push({ line, field: null, reason: 'a matter must be an object', rule: 'file-shape' });
      continue;
    }
    const { steps, ...matter } = m as Record<string, unknown>;
    const subjects = Array.isArray(matter.subjects) ? matter.subjects : [];
    if (steps !== undefined && !Array.isArray(steps)) refused.push({ line, field: 'steps', reason: 'steps must be a list', rule: 'file-shape' });
    matters.push({
      line,
      value: matter,
      subjects: subjects.map((x) => ({ line: lineOf(x, line), value: x as Record<string, unknown> })),
      steps: (Array.isArray(steps) ? steps : []).map((x) => ({ line: lineOf(x, line), value: x as Record<string, unknown> })),
    });
  }
  return { matters, refused };
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** JSON.parse's grammar, keeping the line each object and array starts on (JSON.parse keeps none). */
export function parseJsonWithLines(text: string): { value: unknown; lines: WeakMap<object, number> } {
  const lines = new WeakMap<object, number>();
  let i = 0;
  let line = 1;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`the file is not valid JSON: ${what} at line ${line}`, line);
  };
  const ws = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const value = (): unknown => {
    ws();
    const c = text[i];
    if (c === '{') {
      const obj: Record<string, unknown> = {};
      lines.set(obj, line);
      i++;
      ws();
      if (text[i] === '}') return i++, obj;
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a property name');
        const key = string();
        ws();
        if (text[i++] !== ':') fail("expected ':'");
        // As for every body the API reads: a name that could reach an object's prototype is refused.
        if (key === '__proto__' || key === 'constructor' || key === 'prototype') fail(`the field name '${key}' is not allowed`);
        const v = value();
        // Own data only.
        Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, obj;
        else fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      const arr: unknown[] = [];
      lines.set(arr, line);
      i++;
      ws();
      if (text[i] === ']') return i++, arr;
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, arr;
        else fail("expected ',' or ']'");
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) return fail('unexpected character');
    i += m[0].length;
    return JSON.parse(m[0]);
  };
  const string = (): string => {
    const start = i;
    for (i++; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') break;
      else if (text[i] === '\n') fail('a line break inside a string');
    }
    if (i >= text.length) fail('an unterminated string');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const v = value();
  ws();
  if (i < text.length) fail('unexpected text after the end');
  return { value: v, lines };
}

// ---- CSV ----------------------------------------------------------------------------------------------

/**
 * The CSV columns, by row type (the `row` column): a `matter` row, then its `subject` rows and its `step` rows
 * in the order they happened. A header names the columns used, in any order; an empty cell is an absent field.
 */
export const CSV_COLUMNS = {
  matter: ['reference', 'kind', 'forceId', 'appropriateAuthority', 'receivedOn', 'complaintMadeOn', 'recordableCategories', 'summary'],
  subject: ['reference', 'subjectId', 'subjectKind', 'rank', 'warrantNumber', 'name', 'dateOfBirth', 'finalWrittenWarningLive'],
  step: [
    'reference', 'subjectId', 'decision', 'event', 'extension', 'occurredAt', 'rationale',
    'severity', 'likelyForm', 'routeIfNeither', 'caseToAnswer', 'routeIfNone', 'severalUnconnectedIncidents', 'misconductHearingBecause', 'route', 'reason',
    'outcome', 'warningMonths', 'finding', 'exceptionalCircumstances', 'conduct', 'standardsBreached', 'result', 'substitutedOutcome', 'mode',
    'scheduledFor', 'note', 'allegationSummary', 'actionsDueBy', 'reviewOn', 'newDueDate', 'agreedBy',
  ],
} as const;
export const CSV_ROW_TYPES = Object.keys(CSV_COLUMNS) as (keyof typeof CSV_COLUMNS)[];
/** Cells read as a list (separated by ';'), a yes/no (true/false) or a whole number. */
const LIST_COLUMNS = ['recordableCategories', 'standardsBreached'];
const BOOLEAN_COLUMNS = ['finalWrittenWarningLive', 'severalUnconnectedIncidents'];
const INTEGER_COLUMNS = ['warningMonths'];
/** The subject's kind has its own column: `kind` is the matter's. */
const RENAMED: Record<string, string> = { subjectKind: 'kind' };

export function readCsvImport(text: string): ReadFile {
  const records = parseCsv(text);
  const refused: FormatRefusal[] = [];
  const matters: ImportMatterRows[] = [];
  if (!records.length) return { matters, refused: [{ line: 1, field: null, reason: 'the file is empty: a header row is needed', rule: 'file-shape' }] };
  const [header, ...rows] = records;
  const known = new Set<string>(['row', ...Object.values(CSV_COLUMNS).flat()]);
  const unknown = header.cells.filter((c) => !known.has(c));
  if (unknown.length) refused.push({ line: header.line, field: unknown.join(', '), reason: `unknown column ${unknown.map((c) => `'${c}'`).join(', ')}; the columns are row, ${[...known].filter((c) => c !== 'row').join(', ')}`, rule: 'csv-columns' });
  if (!header.cells.includes('row')) refused.push({ line: header.line, field: 'row', reason: `the header must have a 'row' column (${CSV_ROW_TYPES.join(', ')})`, rule: 'csv-columns' });
  if (refused.length) return { matters, refused };
  const byReference = new Map<string, ImportMatterRows>();
  for (const r of rows) {
    if (r.cells.every((c) => c === '')) continue;
    if (r.cells.length !== header.cells.length) {
      refused.push({ line: r.line, field: null, reason: `${r.cells.length} cells where the header has ${header.cells.length}`, rule: 'csv-row-width' });
      continue;
    }
    const cell = Object.fromEntries(header.cells.map((h, k) => [h, r.cells[k]]));
    const type = cell.row as keyof typeof CSV_COLUMNS;
    if (!CSV_ROW_TYPES.includes(type)) {
      refused.push({ line: r.line, field: 'row', reason: `row must be one of ${CSV_ROW_TYPES.join(', ')}, not '${cell.row}'`, rule: 'csv-row-type' });
      continue;
    }
    const value: Record<string, unknown> = {};
    const misplaced: string[] = [];
    for (const [column, text] of Object.entries(cell)) {
      if (column === 'row' || text === '') continue;
      if (!(CSV_COLUMNS[type] as readonly string[]).includes(column)) {
        misplaced.push(column);
        continue;
      }
      value[RENAMED[column] && type === 'subject' ? RENAMED[column] : column] = typed(column, text);
    }
    if (misplaced.length) {
      refused.push({ line: r.line, field: misplaced.join(', '), reason: `a ${type} row has no ${misplaced.join(', ')}`, rule: 'csv-columns' });
      continue;
    }
    const reference = String(value.reference ?? '');
    if (type === 'matter') {
      const m: ImportMatterRows = { line: r.line, value: { ...value, subjects: [] }, subjects: [], steps: [] };
      if (byReference.has(reference)) {
        refused.push({ line: r.line, field: 'reference', reason: `matter ${reference} already has a matter row (line ${byReference.get(reference)!.line})`, rule: 'reference-once' });
        continue;
      }
      byReference.set(reference, m);
      matters.push(m);
      continue;
    }
    const m = byReference.get(reference);
    if (!m) {
      refused.push({ line: r.line, field: 'reference', reason: `no matter row for '${reference}' comes before this ${type} row`, rule: 'matter-row-first' });
      continue;
    }
    const { reference: _reference, ...rest } = value;
    if (type === 'subject') {
      m.subjects.push({ line: r.line, value: rest });
      (m.value.subjects as unknown[]).push(rest);
    } else {
      m.steps.push({ line: r.line, value: rest });
    }
  }
  return { matters, refused };
}

function typed(column: string, text: string): unknown {
  if (LIST_COLUMNS.includes(column)) return text.split(';').map((x) => x.trim()).filter((x) => x !== '');
  if (BOOLEAN_COLUMNS.includes(column)) return text === 'true' ? true : text === 'false' ? false : text;
  if (INTEGER_COLUMNS.includes(column)) return /^-?\d+$/.test(text) ? Number(text) : text;
  return text;
}

/** RFC 4180: fields separated by commas, quoted with "..." (a quote doubled inside); each record keeps its first line. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        for (i++; i < text.length; i++) {
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i++;
            } else {
              i++;
              break;
            }
          } else {
            if (text[i] === '\n') line++;
            cell += text[i];
          }
        }
      }
      while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      cells.push(cell.trim());
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    records.push({ line: start, cells });
  }
  return records;
}
