import * as fs from 'fs';
import * as path from 'path';
import { logLine } from '@conduct/logging';
import { runMigrations } from '@conduct/persistence';
import { embeddedPayloadKeys } from '@conduct/temporal';
import { freePort } from './ports';
import { MailCatcher, mailCatcherEnv, startMailCatcher, wantsMailCatcher } from './mail-catcher';
import { RunningPostgres, startEmbeddedPostgres } from './postgres';
import { startService } from './service';
import { BackOff, DEFAULT_BACK_OFF, Started, Supervised, Supervisor, SupervisorLog } from './supervisor';
import { embeddedSecret } from './tokens';
import { RunningTemporal, startTemporalDevServer } from './temporal-dev-server';
import { setting } from '@conduct/config';

// Plain JS, shared with the shell entry points that run before TypeScript is available.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const toolchain = require('../toolchain') as { ensureTemporalCli(o?: { log?: (s: string) => void }): Promise<string | null> };

export interface StackOptions {
  /** Everything the stack keeps (PostgreSQL's cluster, Temporal's SQLite file) lives under here. */
  dataDir: string;
  apiPort?: number;
  temporalPort?: number;
  /** The Temporal Web UI's port, or null for none (tests). */
  uiPort?: number | null;
  postgresPort?: number;
  /** External servers instead of the embedded ones. */
  databaseUrl?: string;
  temporalAddress?: string;
  taskQueue?: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  silent?: boolean;
  /**
   * Each server in its own process group (`npm start`): a Ctrl-C at the terminal then reaches this process
   * only, which stops the servers in order, rather than every server at once.
   */
  ownProcessGroups?: boolean;
  /** The waits before restarting a crashed server (DEFAULT_BACK_OFF: 0.5 s doubling to 30 s, reset after 60 s up). */
  backOff?: BackOff;
  /**
   * Where the supervisor's JSON lines (each crash and restart) go: by default stdout/stderr, or for a silent
   * stack `<data folder>/logs/stack.log`.
   */
  supervisorLog?: SupervisorLog;
  /**
   * `npm start`: with no `SMTP_URL` given, run the local mail catcher (`<data folder>/mail/`) and send every
   * outgoing message to it. Off by default, so a stack that tests "no route" keeps none.
   */
  mailCatcher?: boolean;
  /** Aborting it while the stack starts stops what has started (after the step under way) and rejects. */
  abort?: AbortSignal;
}

/** A second worker process and on (`setWorkers`) is `worker-2`, `worker-3`, ... */
export type ServerName = 'postgres' | 'temporal' | 'worker' | 'api' | `worker-${number}`;

export interface StackProcess {
  name: ServerName;
  pid: number;
}

export interface RunningStack {
  apiUrl: string;
  /** The embedded default's token secret (undefined when an identity provider is configured). */
  authJwtSecret?: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  taskQueue: string;
  /** The local mail catcher, when it runs: its SMTP address and the folder of `.eml` files. */
  mailCatcher: { url: string; dir: string } | null;
  /** Where a silent stack keeps the worker's and the API's output (`worker.log`, `api.log`) and the supervisor's (`stack.log`). */
  logsDir: string;
  /** The stack's own running processes and their ids (they change when a server is restarted); for measurements. */
  processes(): StackProcess[];
  /** A supervised server (PostgreSQL and Temporal only when embedded): its pid, restarts, next start. */
  server(name: ServerName): Supervised | undefined;
  /** Kills the worker (SIGKILL by default) and waits until the supervisor has started it again. */
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  /**
   * Runs `count` worker processes on the one task queue (the benchmark's one and two workers): more are started
   * (`worker-2`, ...), each supervised and logged on its own, or the last ones stopped. `worker` itself always runs.
   */
  setWorkers(count: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * PostgreSQL, Temporal, migrations, the worker and the API, in that order, each kept running by a supervisor
 * (a crashed server is started again on its data); stopped in reverse.
 */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const logsDir = path.join(opts.dataDir, 'logs');
  const supervisor = new Supervisor(opts.supervisorLog ?? defaultSupervisorLog(opts.silent ? path.join(logsDir, 'stack.log') : null), opts.backOff ?? DEFAULT_BACK_OFF);
  const ownProcessGroup = opts.ownProcessGroups ?? false;
  let catcher: MailCatcher | undefined;
  // The catcher stops last: the worker may be sending to it until it stops.
  const stopAll = () => supervisor.stop((name, e) => log(`stopping ${name} failed: ${e}`)).finally(() => catcher?.stop());
  const supervise = async (name: ServerName, start: () => Promise<Started>) => {
    opts.abort?.throwIfAborted();
    await supervisor.supervise(name, start);
    opts.abort?.throwIfAborted();
  };
  try {
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      const port = opts.postgresPort ?? (await freePort());
      log(`starting PostgreSQL (embedded) on 127.0.0.1:${port}`);
      let url = '';
      await supervise('postgres', async (): Promise<Started> => {
        const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port, ownProcessGroup });
        url = pg.url;
        return pg;
      });
      databaseUrl = url;
    }
    const ran = await runMigrations(databaseUrl);
    if (ran.length) log(`migrations run: ${ran.join(', ')}`);

    const apiPort = opts.apiPort ?? (await freePort());
    let temporalAddress = opts.temporalAddress;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const cliPath = await toolchain.ensureTemporalCli({ log });
      if (!cliPath) throw new Error('no Temporal CLI: set TEMPORAL_ADDRESS to use your own server, or TEMPORAL_CLI_PATH');
      const port = opts.temporalPort ?? (await freePort());
      const uiPort = opts.uiPort === null ? undefined : opts.uiPort ?? (await freePort());
      log(`starting the Temporal dev server on 127.0.0.1:${port}`);
      await supervise('temporal', async (): Promise<Started> => {
        // Restarted on the same port and SQLite file: its workflows and timers carry on.
        const temporal: RunningTemporal = await startTemporalDevServer({
          cliPath,
          dataDir: path.join(opts.dataDir, 'temporal'),
          port,
          uiPort,
          // The Web UI shows encrypted payloads to a signed-in user through the API's codec endpoint.
          codecEndpoint: `http://localhost:${apiPort}/codec`,
          ownProcessGroup,
        });
        temporalAddress = temporal.address;
        temporalUiUrl = temporal.uiUrl;
        return temporal;
      });
    }
    if (!temporalAddress) throw new Error('the Temporal dev server gave no address');

    const taskQueue = opts.taskQueue ?? 'misconduct-proceedings';
    // Bearer tokens: a force's identity provider when configured, else the embedded default's secret.
    const identityProvider = setting('AUTH_JWKS_URL') || setting('AUTH_PUBLIC_KEY');
    const authJwtSecret = identityProvider ? undefined : opts.env?.AUTH_JWT_SECRET ?? setting('AUTH_JWT_SECRET') ?? embeddedSecret(opts.dataDir);
    // Personal data is encrypted in Temporal's history: your keys, or the embedded default's.
    const payloadKeys = setting('PAYLOAD_ENCRYPTION_KEYS') || opts.env?.PAYLOAD_ENCRYPTION_KEYS ? {} : embeddedPayloadKeys(opts.dataDir);
    const given = { ...process.env, ...opts.env };
    let mail: Record<string, string> = {};
    if (opts.mailCatcher && wantsMailCatcher(given)) {
      catcher = await startMailCatcher({ dir: path.join(opts.dataDir, 'mail') });
      mail = mailCatcherEnv(given, catcher.url);
      log(`mail catcher on ${catcher.url}: every message is kept in ${catcher.dir}`);
    }
    const env = { ...payloadKeys, ...opts.env, ...mail, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, ...(authJwtSecret ? { AUTH_JWT_SECRET: authJwtSecret } : {}) };
    log('starting the worker (bundling the workflows)');
    const superviseWorker = (name: ServerName) =>
      supervise(name, () => startService('worker', 'apps/worker/src/main.ts', env, { silent: opts.silent, logFile: path.join(logsDir, `${name}.log`), ownProcessGroup }).then((s) => ({ pid: s.process.pid, exited: s.exited, stop: s.stop })));
    await superviseWorker('worker');
    const workerName = (n: number): ServerName => (n === 1 ? 'worker' : `worker-${n}`);
    let workers = 1;
    log('starting the API');
    await supervise('api', () =>
      startService('api', 'apps/api/src/main.ts', { ...env, PORT: String(apiPort) }, { silent: opts.silent, logFile: path.join(logsDir, 'api.log'), ownProcessGroup }).then((s) => ({ pid: s.process.pid, exited: s.exited, stop: s.stop })),
    );

    return {
      authJwtSecret,
      apiUrl: `http://localhost:${apiPort}`,
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      taskQueue,
      logsDir,
      mailCatcher: catcher ? { url: catcher.url, dir: catcher.dir } : null,
      processes() {
        return supervisor
          .list()
          .map((s) => ({ name: s.name as ServerName, pid: s.pid }))
          .filter((p): p is StackProcess => p.pid !== undefined);
      },
      server: (name) => supervisor.get(name),
      async restartWorker(signal: NodeJS.Signals = 'SIGKILL') {
        await supervisor.get('worker')!.kill(signal);
      },
      async setWorkers(count: number) {
        if (!Number.isInteger(count) || count < 1) throw new Error(`setWorkers: a whole number of workers from 1, not ${count}`);
        for (; workers < count; workers++) {
          log(`starting ${workerName(workers + 1)}`);
          await superviseWorker(workerName(workers + 1));
        }
        for (; workers > count; workers--) await supervisor.retire(workerName(workers));
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The supervisor's lines in the services' JSON shape: on stdout and stderr, or appended to a file. */
function defaultSupervisorLog(file: string | null): SupervisorLog {
  if (!file) return (level, message, fields) => logLine('stack', level, message, fields);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return (level, message, fields) => fs.appendFileSync(file, JSON.stringify({ time: new Date().toISOString(), level, service: 'stack', message, ...fields }) + '\n');
}
