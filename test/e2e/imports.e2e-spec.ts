import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { E2E_FORCE, apiUrl, call, tokenFor, type Who } from '../support/api-client';
import { today } from '../support/dates';
import { closedMatter, csvFile, jsonFile, midwayMatter } from '../support/import-files';

const ADMIN: Who = { id: 'admin-e2e', role: 'administrator' };
const OVERSIGHT: Who = { id: 'iopc-e2e', role: 'oversight', forces: ['*'] };

const post = (text: string, contentType: string, who?: Who) => call('POST', '/imports', text, who, { 'content-type': contentType });

async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 150; i++) {
    last = await read();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: never happened; last ${JSON.stringify(last)}`);
}

/** The line of `text` where the object holding `needle` begins. */
function lineOf(text: string, needle: string): number {
  const lines = text.split('\n');
  let i = text.slice(0, text.indexOf(needle)).split('\n').length - 1;
  while (lines[i].trim() !== '{') i--;
  return i + 1;
}

describe('POST /imports: existing cases, over HTTP on the real stack', () => {
  const id = randomUUID().slice(0, 8);
  const closed = closedMatter(`IMP-C-${id}`, E2E_FORCE, today());
  const midway = midwayMatter(`IMP-M-${id}`, E2E_FORCE, today());
  const file = jsonFile([closed, midway]);

  it('imports a closed and a mid-way case: each starts at its stage, and nothing is sent for the past', async () => {
    const res = await post(file, 'application/json');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      created: 2,
      unchanged: 0,
      matters: [
        { reference: closed.reference, line: lineOf(file, closed.reference), result: 'created' },
        { reference: midway.reference, line: lineOf(file, midway.reference), result: 'created' },
      ],
    });
    const c = await eventually(() => call('GET', `/matters/${closed.reference}`), (r) => r.body?.stage === 'closed', 'the closed matter closed');
    expect(c.body.subjects.map((s: { stage: string }) => s.stage)).toEqual(['closed', 'closed']);
    const m = await eventually(() => call('GET', `/matters/${midway.reference}`), (r) => r.body?.subjects?.[0]?.stage === 'awaiting-case-to-answer', 'the mid-way subject at its stage');
    const status = Object.fromEntries(m.body.subjects[0].deadlines.map((d: { key: string; status: string }) => [d.key, d.status]));
    expect(status).toMatchObject({ 'notice-of-investigation': 'missed', representations: 'met', 'case-to-answer-decision': 'open' });
    for (const ref of [closed.reference, midway.reference]) expect((await call('GET', `/matters/${ref}/outbox`, undefined, ADMIN)).body).toEqual([]);
  });

  it('the same file again changes nothing, in JSON or CSV: it answers which matters already exist, unchanged', async () => {
    const auditBefore = (await call('GET', `/matters/${midway.reference}/audit`)).body.length;
    const again = await post(file, 'application/json');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 2 });
    const asCsv = await post(csvFile([closed, midway]), 'text/csv');
    expect(asCsv.status).toBe(200);
    expect(asCsv.body.matters.map((x: { result: string }) => x.result)).toEqual(['unchanged', 'unchanged']);
    expect((await call('GET', `/matters/${midway.reference}/audit`)).body.length).toBe(auditBefore);
  });

  it('a reference already used by other content is refused (409), and nothing is imported', async () => {
    const other = closedMatter(closed.reference, E2E_FORCE, today());
    other.steps.pop();
    const fresh = closedMatter(`IMP-F-${id}`, E2E_FORCE, today());
    const res = await post(jsonFile([fresh, other]), 'application/json');
    expect(res.status).toBe(409);
    expect(res.body.refused).toEqual([expect.objectContaining({ reference: closed.reference, rule: 'matter-exists' })]);
    expect((await call('GET', `/matters/${fresh.reference}`)).status).toBe(404);
  });

  it('a file with bad rows is refused whole (400), each row with its line, field, reason and rule', async () => {
    const bad = midwayMatter(`IMP-B-${id}`, E2E_FORCE, today());
    bad.steps[0] = { subjectId: 'pc-1', decision: 'severity-assessment', severity: 'awful', rationale: 'as assessed', occurredAt: bad.steps[0].occurredAt };
    bad.steps.push({ subjectId: 'pc-1', event: 'interview-held', occurredAt: `${today()}T00:00:00Z` });
    const good = closedMatter(`IMP-G-${id}`, E2E_FORCE, today());
    const text = jsonFile([good, bad]);
    const res = await post(text, 'application/json');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/nothing was imported/);
    expect(res.body.refused).toEqual([expect.objectContaining({ line: lineOf(text, '"awful"'), field: 'severity', rule: 'field-valid', reference: bad.reference })]);
    // The rules are asked once the shape is right: the interview before the notice, now the only fault.
    bad.steps[0] = midwayMatter(bad.reference, E2E_FORCE, today()).steps[0];
    bad.steps.splice(1, 0, { subjectId: 'pc-1', event: 'interview-held', occurredAt: bad.steps[0].occurredAt });
    bad.steps.pop();
    const text2 = jsonFile([good, bad]);
    const res2 = await post(text2, 'application/json');
    expect(res2.status).toBe(400);
    expect(res2.body.refused).toEqual([expect.objectContaining({ line: lineOf(text2, '"interview-held"'), field: 'event', rule: 'no-interview-before-notice', regulation: 'CR reg 20' })]);
    for (const ref of [good.reference, bad.reference]) expect((await call('GET', `/matters/${ref}`)).status).toBe(404);
    const csv = await post('row,reference,colour\nmatter,X,blue\n', 'text/csv');
    expect(csv).toMatchObject({ status: 400, body: { refused: [expect.objectContaining({ line: 1, field: 'colour', rule: 'csv-columns' })] } });
  });

  it('who may import: a case officer or administrator of the force; oversight may not, nor anyone for another force', async () => {
    const oversight = await post(file, 'application/json', OVERSIGHT);
    expect(oversight.status).toBe(403);
    expect(oversight.body.rolesAllowed).toEqual(['case-officer', 'administrator']);
    const elsewhere = await post(jsonFile([closedMatter(`IMP-X-${id}`, 'another-force', today())]), 'application/json');
    expect(elsewhere).toMatchObject({ status: 403, body: { field: 'forceId', refused: [expect.objectContaining({ field: 'forceId' })] } });
    expect((await post(file, 'application/json', ADMIN)).status).toBe(200);
  });

  it('npm run import: prints each created matter and a summary, or each refused row with its line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-import-'));
    try {
      const good = path.join(dir, 'cases.csv');
      fs.writeFileSync(good, csvFile([closedMatter(`IMP-CLI-${id}`, E2E_FORCE, today())]));
      const env = { ...process.env, CONDUCT_API_URL: apiUrl(), CONDUCT_TOKEN: await tokenFor({ id: 'co-e2e', role: 'case-officer' }) };
      const run = promisify(execFile);
      const ok = await run(process.execPath, ['tools/run-ts.js', 'tools/import.ts', good], { env, cwd: path.resolve(__dirname, '../..') });
      expect(ok.stdout).toContain(`${good}:2: IMP-CLI-${id} created`);
      expect(ok.stdout).toContain('imported 1 matter(s): 1 created, 0 already there unchanged');
      const bad = path.join(dir, 'bad.csv');
      fs.writeFileSync(bad, 'row,reference,colour\nmatter,X,blue\n');
      const refused = await run(process.execPath, ['tools/run-ts.js', 'tools/import.ts', bad], { env, cwd: path.resolve(__dirname, '../..') }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.stderr).toContain(`${bad}:1: refused colour: unknown column 'colour'`);
      expect(refused?.stderr).toContain('HTTP 400');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
