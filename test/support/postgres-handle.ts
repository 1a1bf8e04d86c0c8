import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** A PostgreSQL the test can stop and start again on the same port and data (see postgres-process.ts). */
export class RestartablePostgres {
  private child: ChildProcess | null = null;
  private output = '';
  private waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  url = '';

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  async start(): Promise<string> {
    if (this.child) {
      const ready = this.next(/ready (\S+)\n/);
      this.child.stdin!.write('start\n');
      return (this.url = (await ready)[1]);
    }
    const env = { ...process.env };
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/run-ts.js'), path.join(ROOT, 'test/support/postgres-process.ts'), this.dataDir, String(this.port)], {
      cwd: ROOT,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    const ready = this.next(/ready (\S+)\n/);
    const failed = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}): ${this.output.slice(-2000)}`))));
    child.stdout!.on('data', (d) => {
      this.output += String(d);
      for (const w of [...this.waiters]) {
        const m = w.pattern.exec(this.output);
        if (m) {
          this.output = this.output.slice(m.index + m[0].length);
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(m);
        }
      }
    });
    child.stderr!.on('data', (d) => (this.output += String(d)));
    return (this.url = (await Promise.race([ready, failed]))[1]);
  }

  /** Stops PostgreSQL (fast shutdown: sessions are cut), keeping the process to start it again. */
  async stop(): Promise<void> {
    if (!this.child) return;
    const stopped = this.next(/stopped\n/);
    this.child.stdin!.write('stop\n');
    await stopped;
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  private next(pattern: RegExp): Promise<RegExpExecArray> {
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }
}
