import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client as PgClient } from 'pg';
import { Client, Connection, WorkflowIdReusePolicy } from '@temporalio/client';
import { matterWorkflowId } from '@conduct/workflows';
import { freePort } from '../../tools/stack/ports';
import { RunningService, startService } from '../../tools/stack/service';
import { AA, CASE_OFFICER, Who, apiUrl, call, nowIso, today, tokenFor } from '../support/api-client';

/**
 * The API never answers 5xx for a client's mistake or a busy workflow, and never hangs: a workflow that does not
 * answer within the API's deadline is a 504 with Retry-After and what to check; Temporal out of reach is a 503
 * naming it. Two APIs of the suite's own, on the shared stack's PostgreSQL: one with a 3 s deadline on the real
 * Temporal, one pointed at a port where no Temporal listens; and the shared API with its default 10 s.
 */

const DEADLINE_MS = 3_000;
const run = randomUUID().slice(0, 8);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-e2e-unavailable-'));
let shortDeadline: { url: string; service: RunningService; log: string };
let noTemporal: { url: string; service: RunningService; log: string };
let temporal: Connection;

async function ownApi(name: string, env: Record<string, string>) {
  const port = await freePort();
  const log = path.join(dir, `${name}.log`);
  const service = await startService('api', 'apps/api/src/main.ts', {
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    AUTH_JWT_SECRET: process.env.E2E_JWT_SECRET,
    PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ e2e: randomBytes(32).toString('base64') }),
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ...env,
  }, { silent: true, logFile: log });
  return { url: `http://localhost:${port}`, service, log };
}

async function post(base: string, p: string, body: unknown, who: Who, headers: Record<string, string> = {}) {
  const started = Date.now();
  const res = await fetch(`${base}${p}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(who)}`, ...headers },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null, ms: Date.now() - started };
}

/** The request log's line for a path, once the API has written it. */
async function logLineFor(file: string, p: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 50; i++) {
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)) : [];
    const line = lines.find((l) => l.path === p && l.status !== undefined);
    if (line) return line;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no request log line for ${p} in ${file}`);
}

async function referred(): Promise<string> {
  const reference = `UNAV-${run}-${randomUUID().slice(0, 6)}`;
  const res = await call('POST', '/matters', { reference, kind: 'complaint', forceId: 'e2e-force', appropriateAuthority: 'CC', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
  expect(res.status).toBe(201);
  return reference;
}

/** The matter's workflow, run again on a task queue no worker polls: it never answers an update. */
async function stranded(reference: string): Promise<void> {
  const client = new Client({ connection: temporal });
  const workflowId = matterWorkflowId(reference);
  await client.workflow.getHandle(workflowId).terminate('e2e: moved to a task queue that no worker polls');
  await client.workflow.start('matter', { workflowId, taskQueue: `nobody-polls-${run}`, args: [{}], workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE });
}

beforeAll(async () => {
  temporal = await Connection.connect({ address: process.env.E2E_TEMPORAL_ADDRESS! });
  [shortDeadline, noTemporal] = await Promise.all([
    ownApi('api-short-deadline', { TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS!, API_TEMPORAL_TIMEOUT_MS: String(DEADLINE_MS) }),
    ownApi('api-no-temporal', { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, API_TEMPORAL_TIMEOUT_MS: String(DEADLINE_MS) }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([shortDeadline?.service.stop(), noTemporal?.service.stop()]);
  await temporal?.close();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('a workflow that does not answer, and Temporal out of reach', () => {
  it(`an update whose workflow no worker runs answers 504 within the deadline (${DEADLINE_MS / 1000} s here), with Retry-After and what to do, and records nothing`, async () => {
    const reference = await referred();
    await stranded(reference);
    const key = `unanswered-${run}`;
    const p = `/matters/${reference}/events`;
    const res = await post(shortDeadline.url, p, { event: 'complainant-updated', note: 'progress', occurredAt: nowIso() }, CASE_OFFICER, { 'idempotency-key': key });
    expect(res.status).toBe(504);
    expect(res.retryAfter).toBe('5');
    expect(res.body).toMatchObject({ statusCode: 504, code: 'workflow-timeout', retryAfterSeconds: 5 });
    expect(res.body.message).toBe(
      `matter ${reference}: the workflow did not answer within 3 s; the command may still be applied. Retry with the same Idempotency-Key (${key}): a retry joins the first attempt and is never applied twice`,
    );
    expect(res.ms).toBeGreaterThanOrEqual(DEADLINE_MS - 200);
    expect(res.ms).toBeLessThan(DEADLINE_MS + 3_000);
    expect(await logLineFor(shortDeadline.log, p)).toMatchObject({ level: 'error', status: 504, error: 'workflow-timeout', method: 'POST' });
    // Without a key, the answer says to look at the audit trail before sending it again.
    const again = await post(shortDeadline.url, p, { event: 'complainant-updated', note: 'progress', occurredAt: nowIso() }, CASE_OFFICER);
    expect(again.status).toBe(504);
    expect(again.body.message).toContain("Check the matter's audit trail before sending it again");
    const audit = (await call('GET', `/matters/${reference}/audit`)).body as { action: string }[];
    expect(audit.map((a) => a.action)).not.toContain('event:complainant-updated');
  });

  it('the shared API, with its default deadline of 10 s, answers the same within it', async () => {
    const reference = await referred();
    await stranded(reference);
    const started = Date.now();
    const res = await fetch(`${apiUrl()}/matters/${reference}/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(AA)}` },
      body: JSON.stringify({ decision: 'mode-of-investigation', mode: 'local', rationale: 'The force can investigate this itself.', occurredAt: nowIso() }),
    });
    const ms = Date.now() - started;
    expect(res.status).toBe(504);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { message: string }).message).toContain('did not answer within 10 s');
    expect(ms).toBeGreaterThanOrEqual(9_800);
    expect(ms).toBeLessThan(14_000);
  });

  it('Temporal out of reach answers 503 naming Temporal, with Retry-After, for a command and for a referral', async () => {
    const reference = await referred();
    const p = `/matters/${reference}/subjects/pc-1/events`;
    const res = await post(noTemporal.url, p, { event: 'suspended', occurredAt: nowIso() }, CASE_OFFICER);
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('10');
    expect(res.body).toMatchObject({ statusCode: 503, code: 'temporal-unreachable' });
    expect(res.body.message).toMatch(/^Temporal \(the workflow service\) cannot be reached/);
    expect(res.ms).toBeLessThan(DEADLINE_MS + 3_000);
    expect(await logLineFor(noTemporal.log, p)).toMatchObject({ status: 503, error: 'temporal-unreachable' });
    const referral = await post(noTemporal.url, '/matters', { reference: `UNAV-${run}-new`, kind: 'complaint', forceId: 'e2e-force', appropriateAuthority: 'CC', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }, CASE_OFFICER);
    expect([referral.status, referral.retryAfter, referral.body.code]).toEqual([503, '10', 'temporal-unreachable']);
    // Reads from the projection still answer.
    expect((await fetch(`${noTemporal.url}/matters/${reference}`, { headers: { authorization: `Bearer ${await tokenFor(CASE_OFFICER)}` } })).status).toBe(200);
  });
});

describe('a subject just referred', () => {
  it("a command sent the moment the referral is answered is taken, or answered 503 with Retry-After while the subject's track starts: never 404", async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const reference = await referred();
        const res = await fetch(`${apiUrl()}/matters/${reference}/subjects/pc-1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(CASE_OFFICER)}` },
          body: JSON.stringify({ event: 'suspended', occurredAt: nowIso() }),
        });
        const body = (await res.json()) as { code?: string };
        return res.status === 200 ? 'taken' : `${res.status} ${body.code} Retry-After ${res.headers.get('retry-after')}`;
      }),
    );
    console.log(`commands sent the moment a referral was answered: ${JSON.stringify(answers)}`);
    for (const a of answers) expect(['taken', '503 track-starting Retry-After 1']).toContain(a);
  });

  it('a subject the projection knows and Temporal does not: 503 "still starting" while open, 409 once closed, never 404', async () => {
    const reference = await referred();
    for (let i = 0; i < 100 && (await call('GET', `/matters/${reference}`)).body.subjects?.length !== 1; i++) await new Promise((r) => setTimeout(r, 100));
    // Two subjects in the projection with no workflow in Temporal: one as if its track were not started yet, one closed long ago.
    const db = new PgClient({ connectionString: process.env.E2E_DATABASE_URL });
    await db.connect();
    try {
      await db.query(`CREATE TEMP TABLE ghost AS SELECT * FROM subject WHERE matter_reference = $1 AND subject_id = 'pc-1'`, [reference]);
      await db.query(`UPDATE ghost SET subject_id = 'pc-starting', workflow_id = workflow_id || '-starting'`);
      await db.query(`INSERT INTO subject SELECT * FROM ghost`);
      await db.query(`UPDATE ghost SET subject_id = 'pc-gone', workflow_id = workflow_id || '-gone', stage = 'closed'`);
      await db.query(`INSERT INTO subject SELECT * FROM ghost`);
    } finally {
      await db.end();
    }
    const event = { event: 'suspended', occurredAt: nowIso() };
    const starting = await post(apiUrl(), `/matters/${reference}/subjects/pc-starting/events`, event, CASE_OFFICER);
    expect([starting.status, starting.retryAfter, starting.body.code]).toEqual([503, '1', 'track-starting']);
    const gone = await post(apiUrl(), `/matters/${reference}/subjects/pc-gone/events`, event, CASE_OFFICER);
    expect([gone.status, gone.body.rule]).toEqual([409, 'workflow-open']);
  });
});

describe("a client's mistakes are 4xx, never 5xx", () => {
  it('an Idempotency-Key that cannot be an update id is a 400 naming the header; one of 128 characters is taken', async () => {
    const reference = await referred();
    const body = { event: 'complainant-updated', note: 'x', occurredAt: nowIso() };
    for (const key of ['k'.repeat(129), 'has space', 'clé', 'x'.repeat(5_000)]) {
      const res = await call('POST', `/matters/${reference}/events`, body, CASE_OFFICER, { 'idempotency-key': key });
      expect([key.slice(0, 20), res.status, res.body.field]).toEqual([key.slice(0, 20), 400, 'Idempotency-Key']);
    }
    expect((await call('POST', `/matters/${reference}/events`, body, CASE_OFFICER, { 'idempotency-key': 'k'.repeat(128) })).status).toBe(200);
  });

  it('unknown enum values, malformed JSON, a body too large and an unknown deadline are 4xx', async () => {
    const reference = await referred();
    const cases: [string, string, unknown, number][] = [
      ['unknown decision', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'pardon', occurredAt: nowIso() }, 400],
      ['unknown mode', `/matters/${reference}/decisions`, { decision: 'mode-of-investigation', mode: 'telepathic', occurredAt: nowIso() }, 400],
      ['unknown event', `/matters/${reference}/events`, { event: 'party', occurredAt: nowIso() }, 400],
      ['malformed JSON', `/matters/${reference}/events`, '{"event": "complainant-updated", ', 400],
      ['a body too large', `/matters/${reference}/events`, JSON.stringify({ event: 'complainant-updated', note: 'x'.repeat(300_000), occurredAt: nowIso() }), 413],
      ['an unknown deadline', `/matters/${reference}/deadlines/no-such-deadline/extensions`, { newDueDate: today(), reason: 'r', agreedBy: 'a', occurredAt: nowIso() }, 409],
    ];
    for (const [what, p, body, status] of cases) {
      const res = await call('POST', p, body, what.includes('decision') || what.includes('mode') ? AA : CASE_OFFICER);
      expect([what, res.status]).toEqual([what, status]);
    }
    // Values the database cannot read, from the request: an id past bigint, a cursor holding an impossible date.
    expect((await call('GET', '/outbox/99999999999999999999/attempts', undefined, AA)).status).toBe(400);
    const impossibleCursor = Buffer.from(JSON.stringify(['2020-13-45', 'X'])).toString('base64url');
    expect((await call('GET', `/matters?after=${impossibleCursor}`)).status).toBe(400);
  });

  it('an unreadable request (a charset the API does not read, gzip that is not, a broken escape in the path, a deep body) is a 4xx', async () => {
    const reference = await referred();
    const token = await tokenFor(CASE_OFFICER);
    const send = async (p: string, headers: Record<string, string>, body?: string) => {
      const res = await fetch(`${apiUrl()}${p}`, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body });
      await res.arrayBuffer();
      return res.status;
    };
    const event = JSON.stringify({ event: 'complainant-updated', note: 'x', occurredAt: nowIso() });
    const statuses = {
      utf16: await send(`/matters/${reference}/events`, { 'content-type': 'application/json; charset=utf-16' }, event),
      gzip: await send(`/matters/${reference}/events`, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, event),
      unknownEncoding: await send(`/matters/${reference}/events`, { 'content-type': 'application/json', 'content-encoding': 'br2' }, event),
      brokenEscape: await send('/matters/%E0%A4%A/audit', {}),
      deep: await send(`/matters/${reference}/events`, { 'content-type': 'application/json' }, '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000)),
    };
    for (const [what, status] of Object.entries(statuses)) expect([what, status >= 400 && status < 500]).toEqual([what, true]);
  });
});
