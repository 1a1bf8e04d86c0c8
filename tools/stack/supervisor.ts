/**
 * Keeps the stack's servers running: a server that stops on its own (a crash, SIGKILL, the OOM killer) is
 * started again on its data, after a back-off that doubles while it keeps failing and resets once it has
 * stayed up for a while. Every crash and restart is one JSON line. `stop()` stops the servers in the reverse
 * of the order they were started, and nothing is restarted once it has begun.
 */

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of a server: its process, how it ends, and how to stop it. */
export interface Started {
  pid?: number;
  exited: Promise<Exit>;
  stop(): Promise<void>;
}

export interface BackOff {
  /** The wait before the first restart after a stable run. */
  initialMs: number;
  /** The wait never grows beyond this. */
  maxMs: number;
  /** A server up this long is stable again: its next crash waits initialMs. */
  stableMs: number;
}

export const DEFAULT_BACK_OFF: BackOff = { initialMs: 500, maxMs: 30_000, stableMs: 60_000 };

/** The wait before restart number `failures + 1` since the server was last stable: initialMs doubling, capped. */
export function backOffDelay(failures: number, backOff: BackOff = DEFAULT_BACK_OFF): number {
  return Math.min(backOff.maxMs, backOff.initialMs * 2 ** Math.min(failures, 30));
}

export type SupervisorLog = (level: 'info' | 'warn' | 'error', message: string, fields: Record<string, unknown>) => void;

/** A supervised server: its current process, and a way to wait for its next start. */
export class Supervised {
  private current: Started | null;
  private startedAt: number;
  /** Consecutive crashes and failed starts since the server was last stable. */
  private failures = 0;
  private stopping = false;
  private pendingRestart: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private restarting: Promise<void> | null = null;
  private waiters: (() => void)[] = [];
  /** How many times the server has been started again after it stopped on its own. */
  restarts = 0;

  constructor(
    readonly name: string,
    private readonly start: () => Promise<Started>,
    first: Started,
    private readonly log: SupervisorLog,
    private readonly backOff: BackOff,
  ) {
    this.current = first;
    this.startedAt = Date.now();
    this.watch(first);
  }

  /** The running process's id, or undefined while the server is down. */
  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Resolves when the server has next been started again (after a crash, or after `kill`). */
  nextStart(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Sends the running process a signal; the supervisor restarts it as after any crash. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const started = this.nextStart();
    if (this.current?.pid) process.kill(this.current.pid, signal);
    await started;
  }

  /** From now on a crash is not restarted (the stack is stopping), and a pending restart is called off. */
  holdRestarts(): void {
    this.stopping = true;
    this.pendingRestart?.wake();
  }

  async stop(): Promise<void> {
    this.holdRestarts();
    await this.restarting;
    const current = this.current;
    this.current = null;
    await current?.stop();
  }

  private watch(run: Started): void {
    void run.exited.then((exit) => {
      if (this.stopping || this.current !== run) return;
      this.current = null;
      const upMs = Date.now() - this.startedAt;
      if (upMs >= this.backOff.stableMs) this.failures = 0;
      this.log('error', `${this.name} stopped unexpectedly`, { server: this.name, pid: run.pid, code: exit.code, signal: exit.signal, upMs });
      this.restarting = this.restart(Date.now());
    });
  }

  /** Waits out the back-off and starts the server again, for as long as it takes, unless the stack stops. */
  private async restart(downSince: number): Promise<void> {
    for (;;) {
      const delayMs = backOffDelay(this.failures, this.backOff);
      this.failures += 1;
      this.log('warn', `restarting ${this.name}`, { server: this.name, inMs: delayMs, attempt: this.failures });
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, delayMs);
        this.pendingRestart = { timer, wake };
      });
      this.pendingRestart = null;
      if (this.stopping) return;
      try {
        const run = await this.start();
        if (this.stopping) {
          await run.stop();
          return;
        }
        this.current = run;
        this.startedAt = Date.now();
        this.restarts += 1;
        this.log('info', `${this.name} restarted`, { server: this.name, pid: run.pid, downMs: Date.now() - downSince, attempt: this.failures });
        this.watch(run);
        const waiters = this.waiters;
        this.waiters = [];
        for (const w of waiters) w();
        return;
      } catch (err) {
        if (this.stopping) return;
        this.log('error', `${this.name} did not start again`, { server: this.name, attempt: this.failures, error: err instanceof Error ? err.message.split('\n')[0] : String(err) });
      }
    }
  }
}

/** The servers of one stack, stopped in the reverse of the order they were started. */
export class Supervisor {
  private readonly servers: Supervised[] = [];

  constructor(
    private readonly log: SupervisorLog,
    private readonly backOff: BackOff = DEFAULT_BACK_OFF,
  ) {}

  /** Starts a server (a failure here is the caller's: the stack does not start) and keeps it running. */
  async supervise(name: string, start: () => Promise<Started>): Promise<Supervised> {
    const first = await start();
    this.log('info', `${name} started`, { server: name, pid: first.pid });
    const server = new Supervised(name, start, first, this.log, this.backOff);
    this.servers.push(server);
    return server;
  }

  get(name: string): Supervised | undefined {
    return this.servers.find((s) => s.name === name);
  }

  list(): readonly Supervised[] {
    return this.servers;
  }

  /** Stops one server for good (a worker no longer wanted) and forgets it. */
  async retire(name: string): Promise<void> {
    const server = this.get(name);
    if (!server) return;
    this.servers.splice(this.servers.indexOf(server), 1);
    await server.stop();
  }

  /** Stops every server, the last started first; a failure to stop one does not keep the others running. */
  async stop(onError: (name: string, err: unknown) => void = () => undefined): Promise<void> {
    // A server that falls over while those after it are stopping (the worker losing Temporal) stays down.
    for (const server of this.servers) server.holdRestarts();
    for (const server of [...this.servers].reverse()) {
      await server.stop().catch((err) => onError(server.name, err));
    }
    this.servers.length = 0;
  }
}
