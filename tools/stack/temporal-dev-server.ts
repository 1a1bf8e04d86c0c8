import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Connection } from '@temporalio/client';
import { freePort, retryUntil, waitForPort } from './ports';
import type { Exit } from './supervisor';
import { VARIABLES, setting } from '@conduct/config';

export interface RunningTemporal {
  address: string;
  uiUrl: string | null;
  /** The server's process id (for measurements such as its memory); undefined once it is gone. */
  pid?: number;
  /** Resolves when the server has exited, whether stopped or crashed. */
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

/**
 * SQLite settings for the dev server's file. Its defaults (a rollback journal, synchronous=FULL) cost
 * several fsyncs per commit, and the server has one connection, so every workflow task waits on them.
 * In WAL mode with synchronous=NORMAL a commit is one sequential append, durable against a crash of the
 * server process (the OS still holds the write); only a power loss or kernel crash can drop the last
 * commits, never corrupt the file. TEMPORAL_SQLITE_PRAGMAS overrides them ("journal_mode=delete,..."),
 * or "none" keeps SQLite's own defaults.
 */
export const DEV_SERVER_SQLITE_PRAGMAS = VARIABLES.TEMPORAL_SQLITE_PRAGMAS.default.split(',');

export function devServerSqlitePragmas(env: NodeJS.ProcessEnv = process.env): string[] {
  const given = setting('TEMPORAL_SQLITE_PRAGMAS', env);
  if (given === 'none') return [];
  return given.split(',').map((p) => p.trim()).filter(Boolean);
}

/**
 * The Temporal CLI's dev server: a real Temporal server on a SQLite file under `dataDir`, so workflows
 * and their timers survive a restart.
 */
export async function startTemporalDevServer(opts: {
  cliPath: string;
  dataDir: string;
  port: number;
  uiPort?: number;
  codecEndpoint?: string;
  namespace?: string;
  /** PRAGMA=VALUE settings for the SQLite file; devServerSqlitePragmas() unless given. */
  sqlitePragmas?: string[];
  /** KEY=VALUE dynamic config values (TEMPORAL_DEV_DYNAMIC_CONFIG adds more, comma-separated). */
  dynamicConfig?: string[];
  log?: (line: string) => void;
  /** Its own process group, so a Ctrl-C at the terminal reaches the stack only (which stops it in order). */
  ownProcessGroup?: boolean;
}): Promise<RunningTemporal> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const namespace = opts.namespace ?? 'default';
  const args = [
    'server', 'start-dev',
    '--ip', '127.0.0.1',
    '--port', String(opts.port),
    '--http-port', String(await freePort()),
    '--metrics-port', String(await freePort()),
    '--db-filename', path.join(opts.dataDir, 'temporal.sqlite'),
    '--namespace', namespace,
    '--log-level', 'warn',
  ];
  for (const pragma of opts.sqlitePragmas ?? devServerSqlitePragmas()) args.push('--sqlite-pragma', pragma);
  for (const value of [...(opts.dynamicConfig ?? []), ...devServerDynamicConfig()]) args.push('--dynamic-config-value', value);
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort), '--ui-disable-news-fetch');
  if (opts.uiPort && opts.codecEndpoint) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  else args.push('--headless');
  const child = spawn(opts.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownProcessGroup ?? false });
  const output: string[] = [];
  const collect = (b: Buffer) => {
    const text = b.toString();
    output.push(text);
    if (output.length > 200) output.shift();
    opts.log?.(text.trimEnd());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  stopWithThisProcess(child, 'SIGTERM', exited);

  const address = `127.0.0.1:${opts.port}`;
  try {
    await Promise.race([
      waitUntilServing(address, namespace),
      exited.then(({ code, signal }) => {
        throw new Error(`the Temporal dev server exited (code ${code}, signal ${signal}) before it was ready:\n${output.join('')}`);
      }),
    ]);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address,
    uiUrl: opts.uiPort ? `http://localhost:${opts.uiPort}` : null,
    pid: child.pid,
    exited,
    stop: () => stopChild(child, exited),
  };
}

function devServerDynamicConfig(env: NodeJS.ProcessEnv = process.env): string[] {
  return (setting('TEMPORAL_DEV_DYNAMIC_CONFIG', env) ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

async function waitUntilServing(address: string, namespace: string): Promise<void> {
  const [host, port] = address.split(':');
  await waitForPort(Number(port), host, 60_000, 'the Temporal dev server');
  const connection = await Connection.connect({ address });
  try {
    await retryUntil(Date.now() + 60_000, 200, () => connection.workflowService.describeNamespace({ namespace }));
  } finally {
    await connection.close();
  }
}

export async function stopChild(child: ChildProcess, exited: Promise<unknown>, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A process that exits without stopping its server (an uncaught error) does not leave it running. */
export function stopWithThisProcess(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<unknown>): void {
  const stop = () => child.kill(signal);
  process.once('exit', stop);
  void exited.then(() => process.removeListener('exit', stop));
}
