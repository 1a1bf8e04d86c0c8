/**
 * `npm run bench:import [-- --matters N] [--batch B] [--minutes M] [--out file.json]`: imports N matters (10,000 by default; half
 * closed, half mid-way, as test/support/import-files.ts builds them) through POST /imports on the embedded stack,
 * B matters to a file (1,000 by default), and reports how long the API took to accept them, how long until the
 * worker had brought every one to its stage, and the worker's memory (RSS, with its children) at its peak and at
 * the end; with --minutes, it stops waiting after M minutes and reports how many were at their stage by then.
 * Not part of `npm test`. The figures of a run go into bench/import-bench.md by hand.
 */
import 'reflect-metadata';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { randomUUID } from 'crypto';
import { Client as Pg } from 'pg';
import { startStack } from '../tools/stack';
import { closedMatter, jsonFile, midwayMatter, type ImportMatter } from '../test/support/import-files';
import { today } from '../test/support/dates';
import { BENCH_FORCE, CASE_OFFICER, headersFor, prepareTokens } from './http';
import { totalRss } from './proc';
import { fmtBytes, parseArgs } from './stats';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const total = typeof args.matters === 'string' ? Number(args.matters) : 10_000;
  const batch = typeof args.batch === 'string' ? Number(args.batch) : 1_000;
  const minutes = typeof args.minutes === 'string' ? Number(args.minutes) : Infinity;
  const log = (s: string) => console.error(`[bench:import] ${s}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-bench-import-'));
  fs.chmodSync(dataDir, 0o755);
  const stack = await startStack({ dataDir, uiPort: null, silent: true, log });
  const stop = async () => {
    await stack.stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  const pg = new Pg({ connectionString: stack.databaseUrl });
  try {
    if (!stack.authJwtSecret) throw new Error('bench: run against the embedded default (its token secret)');
    await prepareTokens(stack.authJwtSecret);
    await pg.connect();
    const worker = stack.processes().find((p) => p.name === 'worker')!.pid;
    const run = randomUUID().slice(0, 6);
    const day = today();
    const matters: ImportMatter[] = Array.from({ length: total }, (_, n) => (n % 2 ? midwayMatter : closedMatter)(`IMPB-${run}-${n}`, BENCH_FORCE, day));
    const files = Array.from({ length: Math.ceil(total / batch) }, (_, i) => jsonFile(matters.slice(i * batch, (i + 1) * batch)));
    log(`${total} matters in ${files.length} file(s) of up to ${batch} (${fmtBytes(files.reduce((n, f) => n + Buffer.byteLength(f), 0))} of JSON)`);

    let peakRss = totalRss(worker) ?? 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, totalRss(worker) ?? 0)), 1_000);
    const startedAt = new Date().toISOString();
    const began = performance.now();
    const requestMs: number[] = [];
    for (const [i, body] of files.entries()) {
      const t = performance.now();
      const res = await fetch(`${stack.apiUrl}/imports`, { method: 'POST', headers: headersFor(CASE_OFFICER, true), body });
      const answer = (await res.json()) as { created?: number; message?: string };
      if (res.status !== 201 || answer.created !== Math.min(batch, total - i * batch)) throw new Error(`file ${i + 1}: HTTP ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
      requestMs.push(performance.now() - t);
      log(`file ${i + 1}/${files.length}: accepted in ${(requestMs[requestMs.length - 1] / 1000).toFixed(1)} s`);
    }
    const acceptedMs = performance.now() - began;

    // Done when every closed matter is closed and every mid-way subject awaits its case-to-answer decision.
    const like = `IMPB-${run}-%`;
    let done = 0;
    for (;;) {
      const [{ closed }] = (await pg.query(`SELECT count(*)::int AS closed FROM matter WHERE reference LIKE $1 AND stage = 'closed'`, [like])).rows;
      const [{ midway }] = (await pg.query(`SELECT count(*)::int AS midway FROM subject WHERE matter_reference LIKE $1 AND stage = 'awaiting-case-to-answer'`, [like])).rows;
      done = closed + midway;
      if (done >= total || performance.now() - began > minutes * 60_000) break;
      log(`${done}/${total} at their stage after ${((performance.now() - began) / 1000).toFixed(0)} s; worker ${fmtBytes(totalRss(worker))}`);
      await new Promise((r) => setTimeout(r, 5_000));
    }
    const settledMs = performance.now() - began;
    clearInterval(sampler);
    const endRss = totalRss(worker);
    const [{ sent }] = (await pg.query(`SELECT count(*)::int AS sent FROM outbox_message WHERE matter_reference LIKE $1`, [like])).rows;
    const result = {
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), node: process.version, loadAverage: os.loadavg()[0] },
      matters: total,
      batch,
      acceptedSeconds: acceptedMs / 1000,
      requestSecondsEach: requestMs.map((ms) => ms / 1000),
      settled: done >= total,
      atTheirStage: done,
      settledSeconds: settledMs / 1000,
      mattersPerSecond: done / (settledMs / 1000),
      workerRssBytes: { peak: peakRss, end: endRss },
      messagesQueued: sent,
    };
    console.log(JSON.stringify(result, null, 2));
    log(`accepted in ${result.acceptedSeconds.toFixed(1)} s; ${done === total ? 'all' : `${done} of ${total}`} at their stage in ${result.settledSeconds.toFixed(1)} s (${result.mattersPerSecond.toFixed(1)} matters/s); worker RSS peak ${fmtBytes(peakRss)}, end ${fmtBytes(endRss)}; ${sent} messages queued`);
    const out = typeof args.out === 'string' ? args.out : path.join(__dirname, 'results', `${new Date().toISOString().slice(0, 10)}-import-${total}.json`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  } finally {
    await pg.end().catch(() => undefined);
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
