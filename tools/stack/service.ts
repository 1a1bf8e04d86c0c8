import { ChildProcess, fork } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Exit } from './supervisor';
import { stopChild } from './temporal-dev-server';

const root = path.resolve(__dirname, '../..');

export interface RunningService {
  name: string;
  process: ChildProcess;
  /** Resolves when the process has exited, whether stopped or crashed. */
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

/** Starts the api or the worker as its own process, as in production, and waits for it to say it is ready. */
export async function startService(name: string, entry: string, env: NodeJS.ProcessEnv, opts: { timeoutMs?: number; silent?: boolean; logFile?: string; ownProcessGroup?: boolean } = {}): Promise<RunningService> {
  const child = fork(path.join(root, 'tools/run-ts.js'), [entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: opts.silent ? ['ignore', opts.logFile ? 'pipe' : 'ignore', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
    // In its own process group a Ctrl-C at the terminal reaches the stack only, which stops the services in order.
    detached: opts.ownProcessGroup ?? false,
  });
  // A silent service's output is kept in its log file (appended across restarts), for tests to read.
  if (opts.silent && opts.logFile) {
    fs.mkdirSync(path.dirname(opts.logFile), { recursive: true });
    const out = fs.createWriteStream(opts.logFile, { flags: 'a' });
    child.stdout?.pipe(out, { end: false });
    child.stderr?.on('data', (b: Buffer) => out.write(b));
    child.once('exit', () => setImmediate(() => out.end()));
  }
  const errors: string[] = [];
  child.stderr?.on('data', (b: Buffer) => {
    errors.push(b.toString());
    if (errors.length > 50) errors.shift();
  });
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not become ready within ${(opts.timeoutMs ?? 120_000) / 1000} s\n${errors.join('')}`));
    }, opts.timeoutMs ?? 120_000);
    child.on('message', (m: { ready?: string }) => {
      if (m?.ready === name) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}, signal ${signal}) before it was ready\n${errors.join('')}`));
    });
  });
  return { name, process: child, exited, stop: () => stopChild(child, exited, 20_000) };
}
