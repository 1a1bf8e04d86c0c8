import { ChildProcess, spawn } from 'child_process';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/** A PostgreSQL the test can stop and start again on the same port and data (see postgres-process.ts). */
export class RestartablePostgres {
  private child: ChildProcess | null = null;
  url = '';

  constructor(
    private readonly dataDir: string,
    private readonly port: number,
  ) {}

  async start(): Promise<string> {
    const env = { ...process.env };
    delete env.CONDUCT_TS_REGISTERED;
    const child = spawn(process.execPath, [path.join(ROOT, 'tools/run-ts.js'), path.join(ROOT, 'test/support/postgres-process.ts'), this.dataDir, String(this.port)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    this.url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d) => {
        output += String(d);
        const m = /ready (\S+)/.exec(output);
        if (m) resolve(m[1]);
      });
      child.stderr!.on('data', (d) => (output += String(d)));
      child.once('exit', (code) => reject(new Error(`PostgreSQL exited (${code}): ${output.slice(-2000)}`)));
    });
    return this.url;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    this.child = null;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
