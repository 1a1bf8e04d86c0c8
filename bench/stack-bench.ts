/** Benchmarks over HTTP on the running stack: intake (and the empty-workflow floor), decisions, capacity. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { Client as Pg } from 'pg';
import { Sql, countOpenMatters, databaseSize } from '@conduct/persistence';
import { temporalConnectionOptions } from '@conduct/temporal';
import { APPROPRIATE_AUTHORITY, BENCH_FORCE, CASE_OFFICER, expectStatus, referral, request } from './http';
import { CpuMeter, totalRss } from './proc';
import { rate, runLoops, summarize, Summary } from './stats';

export interface Target {
  apiUrl: string;
  databaseUrl: string;
  temporalAddress: string;
  /** Processes to measure, by name (temporal, worker, api, postgres, bench). */
  pids: Record<string, number>;
  /** Where the dev server keeps its SQLite file, if it is ours. */
  temporalDataDir?: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const newRef = (run: string, n: number) => `BENCH-${run}-${n}`;

// ---- 1. Intake -------------------------------------------------------------------------------------

export interface IntakeResult {
  seconds: number;
  concurrency: number;
  referred: number;
  failed: number;
  errors: string[];
  perSecond: number;
  latencyMs: Summary;
  cpuCores: Record<string, number>;
  /** CPU milliseconds each process spent per matter referred: what the rate costs, whatever else shares the machine. */
  cpuMsPerMatter: Record<string, number>;
  /** The machine's 1-minute load average at the end (other work on a shared machine shows here). */
  loadAverage: number;
}

/** CPU milliseconds per operation, by process, from the cores each used over the run. */
export function cpuMsPer(cpuCores: Record<string, number>, seconds: number, count: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, cores] of Object.entries(cpuCores)) out[name] = count ? Math.max(0, Math.round((cores * seconds * 1000) / count)) : 0;
  return out;
}

/** Refers matters over HTTP from `concurrency` clients for `seconds`; each counts once the API answered 201 (workflow started, projection written). */
export async function intake(t: Target, opts: { seconds: number; concurrency: number; run: string; pool: string[]; counter: { n: number } }): Promise<IntakeResult> {
  const latencies: number[] = [];
  const meter = new CpuMeter(t.pids);
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  const r = await runLoops(opts.concurrency, () => performance.now() >= end, async () => {
    const n = opts.counter.n++;
    const reference = newRef(opts.run, n);
    const a = expectStatus(await request(t.apiUrl, 'POST', '/matters', CASE_OFFICER, { ...referral(reference, today(), BENCH_FORCE) }), 201, `refer ${reference}`);
    latencies.push(a.ms);
    opts.pool.push(reference);
  });
  const elapsed = performance.now() - started;
  const cpuCores = meter.stop();
  return { seconds: elapsed / 1000, concurrency: opts.concurrency, referred: r.ok, failed: r.failed, errors: r.errors, perSecond: rate(r.ok, elapsed), latencyMs: summarize(latencies), cpuCores, cpuMsPerMatter: cpuMsPer(cpuCores, elapsed / 1000, r.ok), loadAverage: os.loadavg()[0] };
}

/** Fills up to `total` matters as fast as the API takes them (the same referral as intake); returns the rate. */
export async function fill(t: Target, opts: { total: number; concurrency: number; run: string; pool: string[]; counter: { n: number }; log: (s: string) => void }): Promise<{ referred: number; perSecond: number; failed: number }> {
  const started = performance.now();
  let lastLog = started;
  const startCount = opts.pool.length;
  let issued = opts.pool.length;
  const r = await runLoops(opts.concurrency, () => issued >= opts.total, async () => {
    issued++;
    const n = opts.counter.n++;
    const reference = newRef(opts.run, n);
    expectStatus(await request(t.apiUrl, 'POST', '/matters', CASE_OFFICER, referral(reference, today(), BENCH_FORCE)), 201, `refer ${reference}`);
    opts.pool.push(reference);
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      opts.log(`  ${opts.pool.length} / ${opts.total} matters open`);
    }
  });
  const elapsed = performance.now() - started;
  return { referred: opts.pool.length - startCount, perSecond: rate(opts.pool.length - startCount, elapsed), failed: r.failed };
}

// ---- 1b. The floor: an empty workflow, started and completed with the raw Temporal client ----------

export interface FloorResult {
  seconds: number;
  concurrency: number;
  completed: number;
  failed: number;
  perSecond: number;
  latencyMs: Summary;
  cpuCores: Record<string, number>;
  cpuMsPerWorkflow: Record<string, number>;
  loadAverage: number;
}

export class FloorWorker {
  private constructor(
    readonly client: Client,
    readonly taskQueue: string,
    private readonly worker: Worker,
    private readonly running: Promise<void>,
    private readonly connection: Connection,
    private readonly native: NativeConnection,
  ) {}

  static async start(address: string, namespace = 'default'): Promise<FloorWorker> {
    const bundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'empty.workflow.ts'), logger: quietLogger() });
    // Connected as the engine's services are (TEMPORAL_TLS_* and TEMPORAL_API_KEY when set), to the stack's address.
    const options = temporalConnectionOptions({ ...process.env, TEMPORAL_ADDRESS: address });
    const native = await NativeConnection.connect(options);
    const taskQueue = `bench-floor-${randomUUID().slice(0, 8)}`;
    const worker = await Worker.create({ connection: native, namespace, taskQueue, workflowBundle: { code: bundle.code } });
    const running = worker.run();
    const connection = await Connection.connect(options);
    return new FloorWorker(new Client({ connection, namespace }), taskQueue, worker, running, connection, native);
  }

  async measure(opts: { seconds: number; concurrency: number; pids: Record<string, number> }): Promise<FloorResult> {
    const latencies: number[] = [];
    const meter = new CpuMeter(opts.pids);
    const started = performance.now();
    const end = started + opts.seconds * 1000;
    const r = await runLoops(opts.concurrency, () => performance.now() >= end, async () => {
      const t0 = performance.now();
      await this.client.workflow.execute('empty', { taskQueue: this.taskQueue, workflowId: `floor-${randomUUID()}` });
      latencies.push(performance.now() - t0);
    });
    const elapsed = performance.now() - started;
    const cpuCores = meter.stop();
    return { seconds: elapsed / 1000, concurrency: opts.concurrency, completed: r.ok, failed: r.failed, perSecond: rate(r.ok, elapsed), latencyMs: summarize(latencies), cpuCores, cpuMsPerWorkflow: cpuMsPer(cpuCores, elapsed / 1000, r.ok), loadAverage: os.loadavg()[0] };
  }

  /** Starts probes that sleep until the given instants; resolves with how late each woke (ms), or null if it never did. */
  probes(fireAts: number[], timeoutMs: number): Promise<(number | null)[]> {
    return Promise.all(
      fireAts.map(async (fireAt) => {
        try {
          const handle = await this.client.workflow.start('probe', { taskQueue: this.taskQueue, workflowId: `probe-${randomUUID()}`, args: [fireAt] });
          const woke = await Promise.race([handle.result() as Promise<number>, new Promise<null>((r) => setTimeout(() => r(null), timeoutMs))]);
          return woke === null ? null : woke - fireAt;
        } catch {
          return null;
        }
      }),
    );
  }

  async stop(): Promise<void> {
    this.worker.shutdown();
    await this.running;
    await this.connection.close();
    await this.native.close();
  }
}

function quietLogger() {
  const noop = () => undefined;
  return { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: (m: string) => console.error(m) } as never;
}

// ---- 2. Decisions -------------------------------------------------------------------------------------

export interface DecisionsResult {
  concurrency: number;
  seconds: number;
  decided: number;
  failed: number;
  errors: string[];
  perSecond: number;
  latencyMs: Summary;
  cpuCores: Record<string, number>;
  cpuMsPerDecision: Record<string, number>;
  loadAverage: number;
}

/** The appropriate authority's severity assessment on matters just referred, from `concurrency` users at once; each answered after the workflow accepted it. */
export async function decisions(t: Target, opts: { concurrency: number; seconds: number; pool: string[] }): Promise<DecisionsResult> {
  const todo = [...opts.pool];
  const latencies: number[] = [];
  const meter = new CpuMeter(t.pids);
  const started = performance.now();
  const end = started + opts.seconds * 1000;
  const r = await runLoops(opts.concurrency, () => performance.now() >= end || todo.length === 0, async () => {
    const reference = todo.shift();
    if (!reference) return;
    const a = expectStatus(
      await request(t.apiUrl, 'POST', `/matters/${reference}/subjects/pc-1/decisions`, APPROPRIATE_AUTHORITY, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'benchmark: a decision with its reasons', occurredAt: new Date().toISOString() }),
      200,
      `decide ${reference}`,
    );
    latencies.push(a.ms);
  });
  const elapsed = performance.now() - started;
  const cpuCores = meter.stop();
  return { concurrency: opts.concurrency, seconds: elapsed / 1000, decided: latencies.length, failed: r.failed, errors: r.errors, perSecond: rate(latencies.length, elapsed), latencyMs: summarize(latencies), cpuCores, cpuMsPerDecision: cpuMsPer(cpuCores, elapsed / 1000, latencies.length), loadAverage: os.loadavg()[0] };
}

// ---- 3. Capacity --------------------------------------------------------------------------------------

export interface CapacityResult {
  openMatters: number;
  rssBytes: Record<string, number | null>;
  databaseBytes: { postgres: number; tables: Record<string, number>; temporalSqlite: number | null };
  queries: Record<string, Summary>;
  probes: { count: number; fired: number; lateMs: Summary; within5s: boolean };
}

export async function capacity(t: Target, floor: FloorWorker, opts: { requests: number; concurrency: number; probes: number; probeWindowMs: number; pool: string[] }): Promise<CapacityResult> {
  const db = new Pg({ connectionString: t.databaseUrl });
  await db.connect();
  // The table modules take anything that answers a query with its rows.
  const sql: Sql = { query: async (text, params) => (await db.query(text, params)).rows };
  try {
    const n = await countOpenMatters(sql);
    // Probes on the same server under the same load: timers that fall due while we query.
    const now = Date.now();
    const fireAts = Array.from({ length: opts.probes }, (_, i) => now + 3_000 + Math.round(((i + 0.5) / opts.probes) * opts.probeWindowMs));
    const probing = floor.probes(fireAts, opts.probeWindowMs + 60_000);

    const sample = (i: number) => opts.pool[(i * 7919) % opts.pool.length];
    // The cursor of page 20, so page 21 can be read the way a client pages on.
    const page20 = expectStatus(await request<{ next: string | null }>(t.apiUrl, 'GET', '/matters?limit=50&offset=950', CASE_OFFICER), 200, 'page 20').body.next;
    const queries: Record<string, (i: number) => string> = {
      'list (newest 50)': () => '/matters?limit=50',
      'list, page 20': () => '/matters?limit=50&offset=950',
      ...(page20 ? { 'list, page 21 by cursor': () => `/matters?limit=50&after=${page20}` } : {}),
      'list with its exact total': () => '/matters?limit=50&total=true',
      'search by force and stage': (i) => `/matters?forceId=${BENCH_FORCE}&stage=investigation&limit=50`,
      'search by warrant number': (i) => `/matters?warrantNumber=W-${sample(i)}`,
      'search: deadlines due within 30 days': () => '/matters?dueWithinDays=30&limit=50',
      'one matter': (i) => `/matters/${sample(i)}`,
    };
    const results: Record<string, Summary> = {};
    for (const [name, url] of Object.entries(queries)) {
      const latencies: number[] = [];
      let i = 0;
      await runLoops(opts.concurrency, () => i >= opts.requests, async () => {
        const a = expectStatus(await request(t.apiUrl, 'GET', url(i++), CASE_OFFICER), 200, name);
        latencies.push(a.ms);
      });
      results[name] = summarize(latencies);
    }
    const late = await probing;
    const fired = late.filter((x): x is number => x !== null);

    const rss: Record<string, number | null> = {};
    for (const [name, pid] of Object.entries(t.pids)) rss[name] = name === 'bench' ? process.memoryUsage.rss() : totalRss(pid);
    const { bytes: size, tables } = await databaseSize(sql);
    let temporalSqlite: number | null = null;
    if (t.temporalDataDir && fs.existsSync(t.temporalDataDir)) temporalSqlite = fs.readdirSync(t.temporalDataDir).reduce((s, f) => s + fs.statSync(path.join(t.temporalDataDir!, f)).size, 0);
    return {
      openMatters: n,
      rssBytes: rss,
      databaseBytes: { postgres: size, tables, temporalSqlite },
      queries: results,
      probes: { count: late.length, fired: fired.length, lateMs: summarize(fired), within5s: fired.length === late.length && fired.every((x) => x <= 5_000) },
    };
  } finally {
    await db.end();
  }
}
