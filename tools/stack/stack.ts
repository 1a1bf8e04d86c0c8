import * as path from 'path';
import { runMigrations } from '@conduct/persistence';
import { embeddedPayloadKeys } from '@conduct/temporal';
import { freePort } from './ports';
import { RunningPostgres, startEmbeddedPostgres } from './postgres';
import { startService } from './service';
import { embeddedSecret } from './tokens';
import { RunningTemporal, startTemporalDevServer } from './temporal-dev-server';

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
}

export interface StackProcess {
  name: 'temporal' | 'worker' | 'api';
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
  /** Where a silent stack keeps the worker's and the API's output (`worker.log`, `api.log`). */
  logsDir: string;
  /** The stack's own processes and their ids (the worker's changes when it is restarted); for measurements. */
  processes(): StackProcess[];
  /** Stops the worker only, so tests can show that work survives its loss. */
  restartWorker(signal?: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

/** PostgreSQL, Temporal, migrations, the worker and the API, in that order; stopped in reverse. */
export async function startStack(opts: StackOptions): Promise<RunningStack> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`stop failed: ${e}`));
    stops.length = 0;
  };
  try {
    let databaseUrl = opts.databaseUrl;
    if (!databaseUrl) {
      const port = opts.postgresPort ?? (await freePort());
      log(`starting PostgreSQL (embedded) on 127.0.0.1:${port}`);
      const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port });
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    const ran = await runMigrations(databaseUrl);
    if (ran.length) log(`migrations run: ${ran.join(', ')}`);

    const apiPort = opts.apiPort ?? (await freePort());
    let temporalAddress = opts.temporalAddress;
    let temporalUiUrl: string | null = null;
    let temporalPid: number | undefined;
    if (!temporalAddress) {
      const cliPath = await toolchain.ensureTemporalCli({ log });
      if (!cliPath) throw new Error('no Temporal CLI: set TEMPORAL_ADDRESS to use your own server, or TEMPORAL_CLI_PATH');
      const port = opts.temporalPort ?? (await freePort());
      const uiPort = opts.uiPort === null ? undefined : opts.uiPort ?? (await freePort());
      log(`starting the Temporal dev server on 127.0.0.1:${port}`);
      const temporal: RunningTemporal = await startTemporalDevServer({
        cliPath,
        dataDir: path.join(opts.dataDir, 'temporal'),
        port,
        uiPort,
        // The Web UI shows encrypted payloads to a signed-in user through the API's codec endpoint.
        codecEndpoint: `http://localhost:${apiPort}/codec`,
      });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
      temporalUiUrl = temporal.uiUrl;
      temporalPid = temporal.pid;
    }

    const taskQueue = opts.taskQueue ?? 'misconduct-proceedings';
    // Bearer tokens: a force's identity provider when configured, else the embedded default's secret.
    const identityProvider = process.env.AUTH_JWKS_URL || process.env.AUTH_PUBLIC_KEY;
    const authJwtSecret = identityProvider ? undefined : opts.env?.AUTH_JWT_SECRET ?? process.env.AUTH_JWT_SECRET ?? embeddedSecret(opts.dataDir);
    // Personal data is encrypted in Temporal's history: your keys, or the embedded default's.
    const payloadKeys = process.env.PAYLOAD_ENCRYPTION_KEYS || opts.env?.PAYLOAD_ENCRYPTION_KEYS ? {} : embeddedPayloadKeys(opts.dataDir);
    const env = { ...payloadKeys, ...opts.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, TEMPORAL_TASK_QUEUE: taskQueue, ...(authJwtSecret ? { AUTH_JWT_SECRET: authJwtSecret } : {}) };
    const logsDir = path.join(opts.dataDir, 'logs');
    const workerLog = { silent: opts.silent, logFile: path.join(logsDir, 'worker.log') };
    log('starting the worker (bundling the workflows)');
    let worker = await startService('worker', 'apps/worker/src/main.ts', env, workerLog);
    stops.push(() => worker.stop());
    log('starting the API');
    const api = await startService('api', 'apps/api/src/main.ts', { ...env, PORT: String(apiPort) }, { silent: opts.silent, logFile: path.join(logsDir, 'api.log') });
    stops.push(api.stop);

    return {
      authJwtSecret,
      apiUrl: `http://localhost:${apiPort}`,
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      taskQueue,
      logsDir,
      processes() {
        const all: { name: StackProcess['name']; pid: number | undefined }[] = [
          { name: 'temporal', pid: temporalPid },
          { name: 'worker', pid: worker.process.pid },
          { name: 'api', pid: api.process.pid },
        ];
        return all.filter((p): p is StackProcess => p.pid !== undefined);
      },
      async restartWorker(signal: NodeJS.Signals = 'SIGKILL') {
        worker.process.kill(signal);
        await new Promise((r) => (worker.process.exitCode !== null || worker.process.signalCode !== null ? r(null) : worker.process.once('exit', r)));
        worker = await startService('worker', 'apps/worker/src/main.ts', env, workerLog);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
