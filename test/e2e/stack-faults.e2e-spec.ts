import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AA, CASE_OFFICER, E2E_FORCE, Who, call } from '../support/api-client';
import { LogLine, ServerName, StackProcess } from '../support/stack-process';

/**
 * `npm start`'s stack survives its own servers' faults. Its own stack (own data folder, ports and processes,
 * started as `npm start` starts it), so killing its servers leaves the other suites' stack alone: the Temporal
 * dev server SIGKILLed three times running (the supervisor waits 0.5, 1 and 2 s), the worker SIGKILLed
 * mid-update, the API with requests in flight, PostgreSQL SIGKILLed mid-step; each time with matters whose
 * timers fall due while the server is down and decisions in flight, sent as a client would (retried with the
 * same Idempotency-Key on a 503 or a lost answer).
 *
 * The timers: a complaint received long ago owes the complainant an update every 4 weeks since; each one
 * missed is recorded, and the next (also past) is armed as a 1 s timer, so a matter referred a few seconds
 * before a fault has a timer falling due every second or so through it.
 */
const DAY = 86_400_000;
/** The 4-weekly complainant updates missed since a complaint received this long ago (none due within a fortnight of today). */
const UPDATES_MISSED = 8;
const RECEIVED_DAYS_AGO = 28 * UPDATES_MISSED + 14;
const MATTERS_PER_FAULT = 3;
/**
 * A timer that fell due while a server was down fires within this long of its restart. For the worker, a task it
 * had taken when killed waits out the workflow task timeout (5 s from when it was taken, TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS)
 * and one queued for it the sticky-queue timeout (3 s), both mostly spent while it restarts. For PostgreSQL the
 * timer fires on time but its record waits for the record activity's next retry, and those are 1, 2 and 4 s
 * apart in the worker, then 8 s (RECORD_CHANGE_OPTIONS in workflows/src/activities.ts): up to about 8 s after
 * a restart that took a few seconds.
 */
const FIRES_WITHIN_MS: Record<ServerName, number> = { temporal: 5_000, worker: 5_000, api: 5_000, postgres: 10_000 };

/** A subject's steps, a pause apart, so that decisions are in flight when the fault strikes. */
const STEPS: { kind: 'decisions' | 'events'; body: Record<string, unknown>; who: Who; action: string }[] = [
  { kind: 'decisions', body: { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting' }, who: AA, action: 'decision:severity-assessment' },
  { kind: 'events', body: { event: 'notice-of-investigation-served' }, who: CASE_OFFICER, action: 'event:notice-of-investigation-served' },
  { kind: 'events', body: { event: 'interview-held' }, who: CASE_OFFICER, action: 'event:interview-held' },
  { kind: 'events', body: { event: 'investigator-report-submitted' }, who: CASE_OFFICER, action: 'event:investigator-report-submitted' },
  { kind: 'decisions', body: { decision: 'case-to-answer', caseToAnswer: 'misconduct' }, who: AA, action: 'decision:case-to-answer' },
  { kind: 'events', body: { event: 'notice-of-referral-served' }, who: CASE_OFFICER, action: 'event:notice-of-referral-served' },
];
const STEP_PAUSE_MS = 400;
/** The last run's output of the stack (its data folder is removed). */
const LOG_FILE = path.join(os.tmpdir(), 'conduct-stack-faults.log');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the clients saw: every answer's status (or `network` for no answer), and the commands accepted. */
const seen = { answers: new Map<string, number>(), accepted: 0 };
const count = (status: string) => seen.answers.set(status, (seen.answers.get(status) ?? 0) + 1);

/** A client that retries as a careful one would: the same request and Idempotency-Key until it gets an answer that is not 5xx. */
async function send(method: string, urlPath: string, body: Record<string, unknown>, who: Who, deadlineMs = 180_000) {
  const key = randomUUID();
  const until = Date.now() + deadlineMs;
  for (;;) {
    try {
      const res = await call(method, urlPath, body, who, { 'idempotency-key': key });
      count(String(res.status));
      if (res.status < 500) return res;
    } catch {
      count('network');
    }
    if (Date.now() > until) throw new Error(`${method} ${urlPath}: no answer but 5xx for ${deadlineMs} ms`);
    await sleep(300);
  }
}

interface Fault {
  server: ServerName;
  kills: number;
  /** When the server was first killed, and when the supervisor had it serving again. */
  downAt: number;
  upAt: number;
  matters: string[];
  health: { at: number; status: number; down: string[] }[];
}

let stack: StackProcess;
let dir: string;
const saved = process.env.E2E_API_URL;
const faults: Fault[] = [];
const started = Date.now();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-stack-faults-'));
  fs.chmodSync(dir, 0o755);
  // The complaint is received long ago so its updates are missed at once: no grace for back-dated deadlines.
  stack = await StackProcess.start(dir, { AUTH_JWT_SECRET: process.env.E2E_JWT_SECRET, BACKDATED_DEADLINE_GRACE_HOURS: '0' });
  // The shared API client calls this suite's stack until the suite ends.
  process.env.E2E_API_URL = stack.apiUrl;
}, 240_000);

afterAll(async () => {
  process.env.E2E_API_URL = saved;
  if (stack && stack.child.exitCode === null) await stack.interrupt().catch(() => undefined);
  stack?.killAll();
  // The stack's whole output (the supervisor's lines and every service's), for a look after a failure.
  if (stack) fs.writeFileSync(LOG_FILE, stack.text.join('\n') + '\n');
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 120_000);

/** Refers complaints received long ago, each with one subject, and waits until the subject can be addressed. */
async function referMatters(label: string, howMany = MATTERS_PER_FAULT): Promise<string[]> {
  const receivedOn = new Date(Date.now() - RECEIVED_DAYS_AGO * DAY).toISOString().slice(0, 10);
  const refs = Array.from({ length: howMany }, (_, i) => `FAULT-${label}-${i + 1}-${randomUUID().slice(0, 6)}`);
  await Promise.all(
    refs.map(async (reference) => {
      const res = await send('POST', '/matters', { reference, kind: 'complaint', forceId: E2E_FORCE, appropriateAuthority: 'Chief Constable of E2E', receivedOn, subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', warrantNumber: 'F-1' }] }, CASE_OFFICER);
      expect(res.status).toBe(201);
      await waitFor(async () => (await call('GET', `/matters/${reference}`)).body?.subjects?.length === 1, 60_000);
    }),
  );
  return refs;
}

/** Matters referred while Temporal was down: answered 503 until it was back, then referred once. */
const referredDuringOutage: string[] = [];

/** Walks each matter's subject through the steps, each retried until accepted. */
async function walkSubjects(refs: string[]): Promise<void> {
  await Promise.all(
    refs.map(async (reference) => {
      for (const step of STEPS) {
        const res = await send('POST', `/matters/${reference}/subjects/pc-1/${step.kind}`, { ...step.body, occurredAt: new Date().toISOString() }, step.who);
        expect({ reference, step: step.action, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ reference, step: step.action, status: 200, body: undefined });
        seen.accepted += 1;
        await sleep(STEP_PAUSE_MS);
      }
    }),
  );
}

/** /health every 200 ms while `during` runs: status and the parts it names as down. */
async function watchHealth<T>(during: () => Promise<T>): Promise<[T, Fault['health']]> {
  const health: Fault['health'] = [];
  let done = false;
  const polling = (async () => {
    while (!done) {
      const at = Date.now();
      try {
        const res = await call('GET', '/health', undefined, null);
        health.push({ at, status: res.status, down: res.body?.down ?? [] });
      } catch {
        health.push({ at, status: 0, down: [] });
      }
      await sleep(200);
    }
  })();
  try {
    return [await during(), health];
  } finally {
    done = true;
    await polling;
  }
}

/** Refers matters, sets their subjects' decisions going, then kills `server` (`kills` times running) and waits for its restart. */
async function inject(server: ServerName, kills: number, meanwhile: () => Promise<unknown> = async () => undefined): Promise<Fault> {
  const matters = await referMatters(server);
  const walking = walkSubjects(matters);
  await sleep(STEP_PAUSE_MS + 300);
  let during: Promise<unknown> = Promise.resolve();
  const [window, health] = await watchHealth(async () => {
    const downAt = stack.kill(server);
    during = meanwhile();
    let up: LogLine = await stack.restarted(server);
    // Killed again the moment it is back: the supervisor waits longer each time.
    for (let i = 1; i < kills; i++) {
      stack.kill(server);
      up = await stack.restarted(server);
    }
    const upAt = Date.parse(up.time);
    // Ready again: /health answers 200 within a few seconds of the restart.
    await waitFor(async () => (await call('GET', '/health', undefined, null).catch(() => ({ status: 0 }))).status === 200, 30_000);
    return { downAt, upAt };
  });
  await walking;
  await during;
  const fault = { server, kills, ...window, matters, health };
  faults.push(fault);
  return fault;
}

describe('the stack survives its own servers being killed', () => {
  it('the Temporal dev server, SIGKILLed three times running: it is restarted on its data, the API answers 503 naming Temporal meanwhile', async () => {
    const fault = await inject('temporal', 3, async () => referredDuringOutage.push(...(await referMatters('temporal-outage', 1))));
    const restarts = stack.lines.filter((l) => l.service === 'stack' && l.message === 'restarting temporal');
    expect(restarts.map((l) => l.inMs)).toEqual([500, 1_000, 2_000]);
    const whileDown = fault.health.filter((h) => h.at >= fault.downAt && h.at < fault.upAt);
    expect(whileDown.some((h) => h.status === 503 && h.down.includes('Temporal'))).toBe(true);
    expect(whileDown.every((h) => !h.down.includes('PostgreSQL'))).toBe(true);
    expect(seen.answers.get('503') ?? 0).toBeGreaterThan(0);
    expect(seen.answers.get('500') ?? 0).toBe(0);
  }, 180_000);

  it('the worker, SIGKILLed mid-update: it is restarted and the update goes through', async () => {
    await inject('worker', 1);
    expect(stack.lines.some((l) => l.service === 'stack' && l.message === 'worker stopped unexpectedly' && l.signal === 'SIGKILL')).toBe(true);
  }, 180_000);

  it('the API, SIGKILLed with requests in flight: it is restarted, and the clients\' retries are answered', async () => {
    await inject('api', 1);
    expect(seen.answers.get('network') ?? 0).toBeGreaterThan(0);
  }, 180_000);

  it('PostgreSQL, SIGKILLed mid-step: it is restarted on its data, the API answers 503 naming PostgreSQL meanwhile', async () => {
    const fault = await inject('postgres', 1);
    const whileDown = fault.health.filter((h) => h.at >= fault.downAt && h.at < fault.upAt);
    if (whileDown.length) expect(whileDown.some((h) => h.status === 503 && h.down.includes('PostgreSQL'))).toBe(true);
    expect(seen.answers.get('500') ?? 0).toBe(0);
  }, 180_000);

  it('loses no matter and no accepted decision, applies none twice, and fires every timer that fell due while a server was down within 5 s of its restart (its record, after PostgreSQL\'s, at the next retry)', async () => {
    const all = faults.flatMap((f) => f.matters.map((reference) => ({ reference, fault: f })));
    const lateness: Record<string, number[]> = {};
    let timers = 0;
    for (const { reference, fault } of all) {
      const matter = await call('GET', `/matters/${reference}`);
      expect(matter.status).toBe(200);
      // Every complainant update missed since the complaint was received, each recorded once, in order.
      let audit: { action: string; subjectId: string | null; occurredAt: string; recordedAt: string }[] = [];
      await waitFor(async () => {
        audit = (await call('GET', `/matters/${reference}/audit`)).body;
        return audit.filter((a) => a.action.startsWith('deadline-missed:complainant-update-')).length >= UPDATES_MISSED;
      }, 60_000);
      const missed = audit.filter((a) => a.action.startsWith('deadline-missed:complainant-update-'));
      expect(missed.map((a) => a.action)).toEqual(Array.from({ length: UPDATES_MISSED }, (_, i) => `deadline-missed:complainant-update-${i + 1}`));
      // Each step of the subject's once: none lost, none applied twice.
      for (const step of STEPS) expect({ reference, step: step.action, times: audit.filter((a) => a.subjectId === 'pc-1' && a.action === step.action).length }).toEqual({ reference, step: step.action, times: 1 });
      expect(audit.filter((a) => a.action === 'matter-referred')).toHaveLength(1);
      // Each update's timer was armed when the one before it was recorded (the first at the referral), for 1 s.
      const referred = audit.find((a) => a.action === 'matter-referred')!;
      missed.forEach((m, i) => {
        const dueAt = Date.parse((i === 0 ? referred : missed[i - 1]).occurredAt) + 1_000;
        const firedAt = Date.parse(m.recordedAt);
        if (dueAt < fault.upAt && firedAt >= fault.downAt) {
          timers += 1;
          (lateness[fault.server] ??= []).push(firedAt - Math.max(fault.upAt, dueAt));
        }
      });
    }
    // A matter referred while Temporal was down was referred once, and its timers run.
    expect(referredDuringOutage).toHaveLength(1);
    for (const reference of referredDuringOutage) {
      let audit: { action: string }[] = [];
      await waitFor(async () => {
        audit = (await call('GET', `/matters/${reference}/audit`)).body;
        return audit.filter((a) => a.action.startsWith('deadline-missed:complainant-update-')).length >= UPDATES_MISSED;
      }, 60_000);
      expect(audit.filter((a) => a.action === 'matter-referred')).toHaveLength(1);
      expect(audit.filter((a) => a.action.startsWith('deadline-missed:complainant-update-'))).toHaveLength(UPDATES_MISSED);
    }
    // Every fault had timers fall due while its server was down (one per matter through the Temporal and worker
    // outages, which last seconds; PostgreSQL and the API may be back within a second), each fired soon after.
    for (const f of faults) {
      const atLeast = f.server === 'temporal' || f.server === 'worker' ? f.matters.length : 1;
      expect({ server: f.server, enough: (lateness[f.server]?.length ?? 0) >= atLeast }).toEqual({ server: f.server, enough: true });
    }
    const worst = Object.fromEntries(Object.entries(lateness).map(([server, ms]) => [server, Math.max(...ms)]));
    const fmt = (ms: number[]) => `max ${Math.max(...ms)} ms, median ${[...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]} ms`;
    console.log(
      `[stack faults] ${faults.reduce((n, f) => n + f.kills, 0)} faults injected (${faults.map((f) => `${f.server} SIGKILL ×${f.kills}, down ${((f.upAt - f.downAt) / 1000).toFixed(1)} s`).join('; ')}); ` +
        `${all.length + referredDuringOutage.length} matters (${referredDuringOutage.length} referred while Temporal was down), ${seen.accepted} decisions and events accepted (each once), ${[...seen.answers].map(([s, n]) => `${s}: ${n}`).join(', ')} answers seen by the clients; ` +
        `${timers} timers fell due while a server was down, fired after its restart: ${Object.entries(lateness).map(([s, ms]) => `${s} ${fmt(ms)}`).join('; ')}; ` +
        `${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const [server, ms] of Object.entries(worst)) expect({ server, lateMs: ms, within: ms <= FIRES_WITHIN_MS[server as ServerName] }).toEqual({ server, lateMs: ms, within: true });
  }, 120_000);

  it('stops on Ctrl-C in order, logging no error, with no process left behind', async () => {
    const before = stack.lines.length;
    expect(await stack.interrupt()).toBe(0);
    const errors = stack.lines.slice(before).filter((l) => l.level === 'error');
    expect(errors).toEqual([]);
    expect(stack.leftBehind()).toEqual([]);
  }, 120_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(200);
  }
}
