/**
 * `npm run bench [-- --quick] [--matters N] [--seconds S] [--concurrency C] [--users U] [--simulate N] [--only a,b] [--workers 1,2] [--out file.json]`
 * Starts the embedded stack (or uses TEMPORAL_ADDRESS / DATABASE_URL), runs the benchmarks, prints a table and
 * writes bench/results/<date>.json. Sections: intake, decisions, capacity, history, simulation.
 * `--workers 1,2` measures intake and decisions once per count of worker processes on the one task queue (the
 * stack starts or stops workers between them) and prints those figures side by side; the rest runs on the last count.
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { freePort, startEmbeddedPostgres, startStack } from '../tools/stack';
import { prepareTokens } from './http';
import { runMigrations } from '@conduct/persistence';
import { capacity, CapacityResult, decisions, DecisionsResult, fill, FloorResult, FloorWorker, intake, IntakeResult, Target } from './stack-bench';
import { fmt, fmtBytes, markdownTable, parseArgs, parseWorkerCounts } from './stats';
import { WorkersRound, renderByWorkers } from './by-workers';
import { WorkflowHarness, quietRuntime } from '../test/support/workflow-harness';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const toolchain = require('../tools/toolchain') as { ensureTestServer(o?: { log?: (s: string) => void }): Promise<string | null> };

const SECTIONS = ['intake', 'decisions', 'capacity', 'history', 'simulation'] as const;
/** Open matters the engine must carry (issue #6); a run with fewer says so in its table. */
const CAPACITY_TARGET = 50_000;


async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const quick = args.quick === true;
  const num = (name: string, full: number, fast: number) => (typeof args[name] === 'string' ? Number(args[name]) : quick ? fast : full);
  const sizes = {
    seconds: num('seconds', 60, 5),
    concurrency: num('concurrency', 16, 16),
    users: num('users', 50, 50),
    // The dev server fills about 15 matters/s on two cores, so 50,000 (the target) takes about an hour: pass
    // --matters 50000 for it; the default full run fills what fits in its 15 minutes.
    matters: num('matters', 5_000, 300),
    simulate: num('simulate', 1_000, 50),
    months: num('months', 36, 36),
    requests: num('requests', 1_000, 100),
  };
  const only = typeof args.only === 'string' ? args.only.split(',') : [...SECTIONS];
  const workerCounts = parseWorkerCounts(args.workers);
  const log = (s: string) => console.error(`[bench] ${s}`);
  const results: Record<string, unknown> = { startedAt: new Date().toISOString(), sizes, quick, workerCounts, machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version } };
  const began = performance.now();
  let stopping: Promise<void> | undefined;
  const onSignal = () => {
    stopping ??= (async () => {
      log('interrupted: stopping');
      await harness?.stop().catch(() => undefined);
      await floor?.stop().catch(() => undefined);
      await stack?.stop().catch(() => undefined);
      await stopPostgres?.().catch(() => undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
      process.exit(130);
    })();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  quietRuntime();

  const needStack = only.some((s) => s === 'intake' || s === 'decisions' || s === 'capacity');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-bench-'));
  fs.chmodSync(dataDir, 0o755);
  let stack: Awaited<ReturnType<typeof startStack>> | undefined;
  let floor: FloorWorker | undefined;
  let harness: WorkflowHarness | undefined;
  let stopPostgres: (() => Promise<void>) | undefined;
  try {
    log(`sizes: ${JSON.stringify(sizes)}; data in ${dataDir}`);
    let databaseUrl = process.env.DATABASE_URL;
    if (needStack) {
      stack = await startStack({ dataDir, uiPort: null, silent: true, databaseUrl: process.env.DATABASE_URL, temporalAddress: process.env.TEMPORAL_ADDRESS, log });
      databaseUrl = stack.databaseUrl;
      if (!stack.authJwtSecret) throw new Error('bench: the API verifies tokens with an identity provider; run the benchmark against the embedded default');
      await prepareTokens(stack.authJwtSecret);
    } else if (!databaseUrl) {
      // History and simulation need only PostgreSQL (the activities write the projection); their Temporal is the test server.
      const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: await freePort() });
      stopPostgres = pg.stop;
      databaseUrl = pg.url;
      await runMigrations(databaseUrl);
    }
    const pids: Record<string, number> = { bench: process.pid };
    // Again after the workers change: a second worker's process is measured as `worker-2`.
    const measureStack = () => {
      for (const name of Object.keys(pids)) if (name.startsWith('worker')) delete pids[name];
      for (const p of stack?.processes() ?? []) pids[p.name] = p.pid;
    };
    measureStack();
    // An external Temporal server's process, when it runs on this machine (bench/temporal-on-postgres.ts sets it).
    if (process.env.TEMPORAL_ADDRESS && Number(process.env.TEMPORAL_SERVER_PID)) pids.temporal = Number(process.env.TEMPORAL_SERVER_PID);
    if (process.env.TEMPORAL_ADDRESS && Number(process.env.TEMPORAL_DATABASE_PID)) pids['temporal-db'] = Number(process.env.TEMPORAL_DATABASE_PID);
    const pgPid = postgresPid(dataDir);
    if (pgPid && !process.env.DATABASE_URL) pids.postgres = pgPid;
    const target: Target = { apiUrl: stack?.apiUrl ?? '', databaseUrl: databaseUrl ?? '', temporalAddress: stack?.temporalAddress ?? '', pids, temporalDataDir: process.env.TEMPORAL_ADDRESS ? undefined : path.join(dataDir, 'temporal') };
    results.servers = { temporal: process.env.TEMPORAL_ADDRESS ? process.env.TEMPORAL_SERVER_DESCRIPTION || 'external' : 'embedded dev server (SQLite)', postgres: process.env.DATABASE_URL ? 'external' : 'embedded' };

    const run = randomUUID().slice(0, 6);
    const pool: string[] = [];
    const counter = { n: 0 };
    if (needStack) {
      log('warming up (20 referrals)');
      await fill(target, { total: 20, concurrency: 4, run, pool, counter, log });
      floor = await FloorWorker.start(target.temporalAddress);
      await floor.measure({ seconds: 2, concurrency: 4, pids: {} });
    }
    const byWorkers: WorkersRound[] = [];
    let empty: FloorResult | undefined;
    for (const workers of only.includes('intake') || only.includes('decisions') ? workerCounts : []) {
      if (workerCounts.length > 1) {
        log(`with ${workers} worker process${workers === 1 ? '' : 'es'}`);
        await stack!.setWorkers(workers);
        measureStack();
        // A worker that has just joined takes its share of the queue: warm it as the first was warmed.
        await fill(target, { total: pool.length + 20, concurrency: 4, run, pool, counter, log });
      }
      // Each count decides on matters referred under it, never one already decided.
      const round: string[] = [];
      const r: WorkersRound = { workers };
      if (only.includes('intake')) {
        log(`1. intake: ${sizes.concurrency} clients for ${sizes.seconds} s`);
        const http: IntakeResult = await intake(target, { seconds: sizes.seconds, concurrency: sizes.concurrency, run, pool: round, counter });
        log(`   ${fmt(http.perSecond)} matters/s (${http.failed} failed) cpu ${JSON.stringify(http.cpuCores)}`);
        if (!empty) {
          // The floor does not depend on the engine's workers: measured once.
          log(`1. floor: empty workflows, raw client, ${sizes.concurrency} at once for ${sizes.seconds} s`);
          empty = await floor!.measure({ seconds: sizes.seconds, concurrency: sizes.concurrency, pids });
          log(`   ${fmt(empty.perSecond)} workflows/s cpu ${JSON.stringify(empty.cpuCores)}`);
        }
        r.intake = { http, emptyWorkflow: empty, ratio: http.perSecond / empty.perSecond };
      }
      if (only.includes('decisions')) {
        if (round.length < sizes.users * 3) await fill(target, { total: sizes.users * 3, concurrency: sizes.concurrency, run, pool: round, counter, log });
        await new Promise((res) => setTimeout(res, 2_000)); // the subjects' projection rows follow their matters'
        log(`2. decisions: ${sizes.users} users, up to ${sizes.seconds} s`);
        const dec: DecisionsResult = await decisions(target, { concurrency: sizes.users, seconds: sizes.seconds, pool: round });
        log(`   p50 ${fmt(dec.latencyMs.p50)} p99 ${fmt(dec.latencyMs.p99)} ms (${dec.decided} decided, ${dec.failed} failed) cpu ${JSON.stringify(dec.cpuCores)}`);
        r.decisions = dec;
      }
      pool.push(...round);
      byWorkers.push(r);
    }
    // The main table's rows are the first count's; with more than one, the side-by-side table follows it.
    if (byWorkers[0]?.intake) results.intake = byWorkers[0].intake;
    if (byWorkers[0]?.decisions) results.decisions = byWorkers[0].decisions;
    if (byWorkers.length > 1) results.byWorkers = byWorkers;
    if (only.includes('capacity')) {
      log(`3. capacity: filling to ${sizes.matters} open matters`);
      const filled = await fill(target, { total: sizes.matters, concurrency: sizes.concurrency, run, pool, counter, log });
      log(`   filled at ${fmt(filled.perSecond)} matters/s; measuring`);
      const cap: CapacityResult = await capacity(target, floor!, { requests: sizes.requests, concurrency: 4, probes: 200, probeWindowMs: 20_000, pool });
      results.capacity = { ...cap, fill: filled };
      log(`   worker ${fmtBytes(cap.rssBytes.worker)}, list p99 ${fmt(cap.queries['list (newest 50)']?.p99)} ms, probes late p99 ${fmt(cap.probes.lateMs.p99)} ms`);
    }
    if (only.includes('history') || only.includes('simulation')) {
      const serverPath = process.env.TEMPORAL_TEST_SERVER_PATH || (await toolchain.ensureTestServer({ log }));
      if (!serverPath) throw new Error('no time-skipping test server');
      process.env.TEMPORAL_TEST_SERVER_PATH = serverPath;
      process.env.WORKFLOW_TEST_DATABASE_URL = databaseUrl;
      const { bundleWorkflows } = await import('@conduct/temporal/worker');
      const bundlePath = path.join(dataDir, 'workflow-bundle.js');
      fs.writeFileSync(bundlePath, (await bundleWorkflows()).code);
      process.env.WORKFLOW_TEST_BUNDLE_PATH = bundlePath;
      const { histories, simulate } = await import('./timeskip-bench');
      if (only.includes('history')) {
        log('4. history: every standard route, and a three-year complaint');
        results.history = await histories(() => WorkflowHarness.start(), { months: sizes.months, log });
      }
      if (only.includes('simulation')) {
        harness = await WorkflowHarness.start();
        log(`5. simulation: ${sizes.simulate} matters through their lifecycle on the time-skipping server`);
        results.simulation = await simulate(harness, { matters: sizes.simulate, concurrency: 20, settleTimeoutMs: 300_000 });
      }
    }
  } finally {
    await harness?.stop().catch((e) => log(`harness stop: ${e}`));
    await floor?.stop().catch((e) => log(`floor stop: ${e}`));
    await stack?.stop();
    await stopPostgres?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  results.wallSeconds = (performance.now() - began) / 1000;
  const table = render(results);
  results.table = table;
  const dir = path.join(__dirname, 'results');
  const file = typeof args.out === 'string' ? path.resolve(args.out) : path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(table);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)} (${fmt(results.wallSeconds as number)} s)`);
}

function postgresPid(dataDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]) || undefined;
  } catch {
    return undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function render(r: any): string {
  const rows: string[][] = [];
  const ok = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'NO');
  const sz = r.sizes;
  if (r.intake) {
    const { http, emptyWorkflow: e, ratio } = r.intake;
    rows.push([`1. Intake over HTTP (${http.concurrency} clients, ${fmt(http.seconds)} s)`, `${fmt(http.perSecond)} matters/s (p50 ${fmt(http.latencyMs.p50)} ms, p99 ${fmt(http.latencyMs.p99)} ms; ${http.failed} failed)`, '≥ 100/s', ok(http.perSecond >= 100)]);
    rows.push([`1. Empty workflow, raw client (${e.concurrency} at once)`, `${fmt(e.perSecond)} workflows/s (p50 ${fmt(e.latencyMs.p50)} ms)`, 'the floor', '']);
    rows.push(['1. Intake ÷ empty workflow', fmt(ratio), '≥ 0.5', ok(ratio >= 0.5)]);
    if (http.cpuMsPerMatter) rows.push(['1. CPU per matter / per empty workflow (ms)', `${cpuList(http.cpuMsPerMatter)} / ${cpuList(e.cpuMsPerWorkflow)}`, '', '']);
  }
  if (r.decisions) {
    const d = r.decisions;
    rows.push([`2. Decision latency (${d.concurrency} users, ${d.decided} decisions)`, `p50 ${fmt(d.latencyMs.p50)} / p95 ${fmt(d.latencyMs.p95)} / p99 ${fmt(d.latencyMs.p99)} ms (${fmt(d.perSecond)}/s; ${d.failed} failed)`, 'p99 < 100 ms', ok(d.latencyMs.p99 < 100)]);
  }
  if (r.decisions?.cpuMsPerDecision) rows.push(['2. CPU per decision (ms)', cpuList(r.decisions.cpuMsPerDecision), '', '']);
  if (r.capacity) {
    const c = r.capacity;
    rows.push([`3. Open matters`, `${c.openMatters.toLocaleString('en-GB')} (filled at ${fmt(c.fill.perSecond)}/s)`, `${CAPACITY_TARGET.toLocaleString('en-GB')}`, ok(c.openMatters >= CAPACITY_TARGET)]);
    rows.push(['3. Worker RSS', fmtBytes(c.rssBytes.worker), '< 1.5 GB', ok(c.rssBytes.worker !== null && c.rssBytes.worker < 1.5 * 2 ** 30)]);
    rows.push(['3. Temporal server / API / PostgreSQL RSS', `${fmtBytes(c.rssBytes.temporal)} / ${fmtBytes(c.rssBytes.api)} / ${fmtBytes(c.rssBytes.postgres)}`, '', '']);
    rows.push(['3. Database sizes: PostgreSQL / Temporal SQLite', `${fmtBytes(c.databaseBytes.postgres)} / ${fmtBytes(c.databaseBytes.temporalSqlite)}`, '', '']);
    const list = c.queries['list (newest 50)'];
    rows.push(['3. List p99 (newest 50)', `${fmt(list.p99)} ms (p50 ${fmt(list.p50)} ms)`, '< 100 ms', ok(list.p99 < 100)]);
    for (const [name, s] of Object.entries(c.queries) as [string, { p50: number; p99: number }][]) {
      if (name !== 'list (newest 50)') rows.push([`3. ${name[0].toUpperCase()}${name.slice(1)} p99`, `${fmt(s.p99)} ms (p50 ${fmt(s.p50)} ms)`, '', '']);
    }
    rows.push([`3. Timers due during the run (${c.probes.count} probes)`, `${c.probes.fired} fired; late p50 ${fmt(c.probes.lateMs.p50)} / p99 ${fmt(c.probes.lateMs.p99)} / max ${fmt(c.probes.lateMs.max)} ms`, 'all within 5 s', ok(c.probes.within5s)]);
  }
  for (const h of r.history ?? []) {
    const meeting = h.route === 'misconduct meeting';
    rows.push([`4. History: ${h.route}`, h.error ? `error: ${h.error}` : `${h.total} events (matter ${h.matterEvents} + subject ${h.subjectEvents}${h.runs ? `; ${h.runs} runs` : ''})`, meeting ? '≤ 150' : h.runs ? '≪ 10,240' : '', meeting ? ok(h.total !== null && h.total <= 150) : h.runs ? ok(h.matterEvents !== null && h.matterEvents < 2_500) : '']);
  }
  if (r.simulation) {
    const s = r.simulation;
    rows.push([`5. Simulation: ${s.matters} matters, whole lifecycle`, `${fmt(s.wallSeconds)} s wall (driving ${fmt(s.driveSeconds)} s, to the end ${fmt(s.settleSeconds)} s, ${s.monthsSkipped} months skipped); ${s.completed} finished, ${s.failed} failed`, '', ok(s.failed === 0)]);
  }
  const table = markdownTable(['Figure', 'Result', 'Target', 'Met'], rows);
  return r.byWorkers?.length > 1 ? `${table}\n\n${renderByWorkers(r.byWorkers)}` : table;
}

/** "temporal 51, worker 41, ..." for the processes that did any work. */
function cpuList(ms: Record<string, number>): string {
  return Object.entries(ms)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

// Run by tools/run-ts.js (so require.main is not this module); importing `render` alone does not start a run.
if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
