// The stack as `npm start` runs it (tools/stack/cli.ts), as a child process with its own data folder and
// ports, for tests that kill its servers: the supervisor's JSON lines say when each server started, stopped
// and started again, and under which process id.
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { freePort } from '../../tools/stack/ports';

const root = path.resolve(__dirname, '../..');

export interface LogLine {
  time: string;
  level: string;
  service: string;
  message: string;
  [field: string]: unknown;
}

export type ServerName = 'postgres' | 'temporal' | 'worker' | 'api';

export class StackProcess {
  readonly lines: LogLine[] = [];
  readonly text: string[] = [];
  /** Every process id each server has had, for the check that nothing is left behind. */
  readonly pids = new Map<ServerName, number[]>();
  apiUrl = '';
  private exited: Promise<number | null>;
  private waiters: { test: (l: LogLine) => boolean; resolve: (l: LogLine) => void }[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly dataDir: string,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const read = (stream: NodeJS.ReadableStream | null) => {
      let rest = '';
      stream?.on('data', (b: Buffer) => {
        rest += b.toString();
        const parts = rest.split('\n');
        rest = parts.pop() ?? '';
        for (const part of parts) this.take(part);
      });
    };
    read(child.stdout);
    read(child.stderr);
  }

  /** Starts `npm start`'s stack on free ports in `dataDir`, in its own process group (as a terminal would run it). */
  static async start(dataDir: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 180_000): Promise<StackProcess> {
    fs.mkdirSync(dataDir, { recursive: true });
    const [api, temporal, ui, postgres] = [await freePort(), await freePort(), await freePort(), await freePort()];
    const child = spawn(process.execPath, [path.join(root, 'tools/run-ts.js'), 'tools/stack/cli.ts'], {
      cwd: root,
      env: { ...process.env, CONDUCT_DATA_DIR: dataDir, PORT: String(api), TEMPORAL_PORT: String(temporal), TEMPORAL_UI_PORT: String(ui), POSTGRES_PORT: String(postgres), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const stack = new StackProcess(child, dataDir);
    stack.apiUrl = `http://localhost:${api}`;
    await Promise.race([
      stack.waitForText(/Press Ctrl-C to stop everything/, timeoutMs),
      stack.exited.then((code) => {
        throw new Error(`the stack exited (code ${code}) before it was ready:\n${stack.text.slice(-40).join('\n')}`);
      }),
    ]);
    return stack;
  }

  /** The server's process id now (from the supervisor's lines). */
  pid(server: ServerName): number {
    const all = this.pids.get(server);
    if (!all?.length) throw new Error(`no ${server} process seen`);
    return all[all.length - 1];
  }

  /** The next supervisor line that passes `test` (lines already seen are not looked at). */
  next(test: (l: LogLine) => boolean, timeoutMs: number, what: string): Promise<LogLine> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms:\n${this.text.slice(-30).join('\n')}`)), timeoutMs);
      this.waiters.push({
        test,
        resolve: (l) => {
          clearTimeout(timer);
          resolve(l);
        },
      });
    });
  }

  /** Resolves when the supervisor says it has started `server` again. */
  restarted(server: ServerName, timeoutMs = 120_000): Promise<LogLine> {
    return this.next((l) => l.service === 'stack' && l.message === `${server} restarted`, timeoutMs, `restart of ${server}`);
  }

  /** SIGKILLs the server's current process, and returns when it did so. */
  kill(server: ServerName): number {
    const pid = this.pid(server);
    process.kill(pid, 'SIGKILL');
    return Date.now();
  }

  /** Ctrl-C at the terminal: SIGINT to the stack's process group. Resolves with its exit code. */
  async interrupt(timeoutMs = 90_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    process.kill(-this.child.pid!, 'SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }

  /** Processes still running that belong to this stack (its environment names its data folder): none after a stop. */
  leftBehind(): { pid: number; cmd: string }[] {
    if (!fs.existsSync('/proc/self/environ')) return [];
    const mark = `CONDUCT_DATA_DIR=${this.dataDir}\0`;
    const found: { pid: number; cmd: string }[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        const environ = fs.readFileSync(`/proc/${entry}/environ`, 'utf8');
        if (!environ.includes(mark)) continue;
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        if (/^\d+ \(.*\) Z /.test(stat)) continue; // a zombie is already gone, awaiting its parent
        found.push({ pid: Number(entry), cmd: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
      } catch {
        /* gone meanwhile, or not ours to read */
      }
    }
    return found;
  }

  /** Last resort for a failed test: kills every process of this stack. */
  killAll(): void {
    for (const p of this.leftBehind()) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    try {
      process.kill(-this.child.pid!, 'SIGKILL');
    } catch {
      /* gone */
    }
  }

  private waitForText(pattern: RegExp, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the stack did not print ${pattern} within ${timeoutMs} ms:\n${this.text.slice(-40).join('\n')}`)), timeoutMs);
      const check = setInterval(() => {
        if (this.text.some((t) => pattern.test(t))) {
          clearInterval(check);
          clearTimeout(timer);
          resolve();
        }
      }, 100);
      void this.exited.then(() => {
        clearInterval(check);
        clearTimeout(timer);
      });
    });
  }

  private take(text: string): void {
    this.text.push(text);
    if (this.text.length > 20_000) this.text.shift();
    if (!text.startsWith('{')) return;
    let line: LogLine;
    try {
      line = JSON.parse(text);
    } catch {
      return;
    }
    this.lines.push(line);
    if (line.service === 'stack' && typeof line.pid === 'number' && typeof line.server === 'string' && / (started|restarted)$/.test(line.message)) {
      const server = line.server as ServerName;
      this.pids.set(server, [...(this.pids.get(server) ?? []), line.pid]);
    }
    for (const w of [...this.waiters]) {
      if (w.test(line)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  }
}
