import * as fs from 'fs';
import * as path from 'path';
import { setting } from '@conduct/config';
import { embeddedSecret, signToken } from './stack/tokens';

/**
 * `npm run import -- <file.json|file.csv> [--force F] [--url U]`: sends an import file (docs/import.md) to
 * POST /imports and prints each refused row with its line and reason, then a summary. The caller is
 * CONDUCT_TOKEN when set, else a case officer of the force (--force, CONDUCT_DEFAULT_FORCE, demo-force) with a
 * token signed as `npm run token` signs them. The API is --url, CONDUCT_API_URL, or http://localhost:$PORT.
 * Exit code: 0 imported (or already there, unchanged), 1 refused, 2 could not ask.
 */
export interface ImportAnswer {
  status: number;
  body: { message?: string; created?: number; unchanged?: number; matters?: { reference: string; line: number; result: string }[]; refused?: RefusedRow[] };
}
interface RefusedRow {
  line: number;
  field: string | null;
  reason: string;
  rule: string;
  regulation?: string | null;
  reference?: string;
}

/** What the CLI prints for the API's answer: every refused row with its line, then one summary line. */
export function describeAnswer(file: string, answer: ImportAnswer): { lines: string[]; ok: boolean } {
  const { status, body } = answer;
  const lines: string[] = [];
  if (status === 200 || status === 201) {
    for (const m of body.matters ?? []) lines.push(`${file}:${m.line}: ${m.reference} ${m.result}`);
    lines.push(`imported ${(body.matters ?? []).length} matter(s): ${body.created ?? 0} created, ${body.unchanged ?? 0} already there unchanged`);
    return { lines, ok: true };
  }
  for (const r of body.refused ?? []) {
    const rule = r.regulation ? `${r.rule}, ${r.regulation}` : r.rule;
    lines.push(`${file}:${r.line}: refused${r.reference ? ` (${r.reference})` : ''}${r.field ? ` ${r.field}` : ''}: ${r.reason} [${rule}]`);
  }
  lines.push(`HTTP ${status}: ${body.message ?? 'refused'}`);
  return { lines, ok: false };
}

export async function sendImport(file: string, url: string, token: string): Promise<ImportAnswer> {
  const res = await fetch(`${url.replace(/\/$/, '')}/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': file.toLowerCase().endsWith('.csv') ? 'text/csv' : 'application/json' },
    body: fs.readFileSync(file, 'utf8'),
  });
  const text = await res.text();
  let body: ImportAnswer['body'];
  try {
    body = JSON.parse(text);
  } catch {
    body = { message: text };
  }
  return { status: res.status, body };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const force = option('force') ?? setting('CONDUCT_DEFAULT_FORCE');
  const url = option('url') ?? setting('CONDUCT_API_URL') ?? `http://localhost:${setting('PORT')}`;
  const [file] = args;
  if (!file) {
    console.error('usage: npm run import -- <file.json|file.csv> [--force F] [--url U]');
    return 2;
  }
  const dataDir = path.resolve(__dirname, '..', setting('CONDUCT_DATA_DIR'));
  const token = setting('CONDUCT_TOKEN') ?? (await signToken(setting('AUTH_JWT_SECRET') ?? embeddedSecret(dataDir), { sub: 'import-cli', role: 'case-officer', force }));
  const { lines, ok } = describeAnswer(file, await sendImport(file, url, token));
  for (const line of lines) (ok ? console.log : console.error)(line);
  return ok ? 0 : 1;
}

// Run as `npm run import` (tools/run-ts.js puts the entry point in argv[1]); imported by the tests, it does nothing.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(`import: ${(err as Error).message}`);
      process.exit(2);
    },
  );
}
