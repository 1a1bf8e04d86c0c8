/**
 * Temporal's own server on PostgreSQL, as a department runs it (not the CLI's dev server on SQLite): an embedded
 * PostgreSQL (the stack's binaries), Temporal's two databases created and their schema set up and upgraded with
 * temporal-sql-tool, a development-postgres12 style config with all four services in one process, and the
 * namespace registered. Used by the benchmark (bench/temporal-on-postgres.ts) and the production-profile suite
 * (test/production). The binaries come from tools/toolchain/temporal-server.js. Given certificates, its frontend
 * serves TLS only and requires a client certificate signed by their CA (mTLS), as a hardened cluster does.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporalConnectionOptions } from '@conduct/temporal';
import { Certificates, mtlsEnv } from './certificates';
import { startEmbeddedPostgres, RunningPostgres } from './postgres';
import { freePort, retryUntil, waitForPort } from './ports';
import { stopChild } from './temporal-dev-server';

export interface TemporalServerBinaries {
  serverPath: string;
  sqlToolPath: string;
  schemaDir: string;
}

export interface TemporalOnPostgres {
  /** The frontend, `host:port`. */
  address: string;
  /** What the engine's services are given to reach it: TEMPORAL_ADDRESS, and over mTLS the TEMPORAL_TLS_* files. */
  connectionEnv: Record<string, string>;
  serverPid: number;
  /** The embedded PostgreSQL Temporal keeps its data in; the caller may create its own databases there too. */
  postgres: RunningPostgres;
  pgPort: number;
  databasePid: string;
  /** Stops the server, then PostgreSQL. */
  stop(): Promise<void>;
}

/** temporal-sql-tool against the embedded PostgreSQL; its step-by-step log is shown only when it fails. */
function sqlTool(tool: string, pgPort: number, database: string, ...args: string[]): void {
  try {
    execFileSync(tool, ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(pgPort), '-u', 'conduct', '--pw', 'conduct', '--db', database, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').trim().split('\n').slice(-10).join('\n');
    throw new Error(`temporal-sql-tool ${args[0]} on ${database} failed:\n${stderr}`);
  }
}

/**
 * The frontend on TLS only, refusing a client without a certificate signed by the CA; the server's own system
 * worker connects to it with the client certificate. Between the services inside the one process: plain.
 */
function tlsConfig(c: Certificates): string {
  return `
  tls:
    frontend:
      server:
        certFile: "${c.serverCertFile}"
        keyFile: "${c.serverKeyFile}"
        requireClientAuth: true
        clientCaFiles: ["${c.caFile}"]
      client:
        serverName: "${c.serverName}"
        rootCaFiles: ["${c.caFile}"]
    systemWorker:
      certFile: "${c.clientCertFile}"
      keyFile: "${c.clientKeyFile}"
      client:
        serverName: "${c.serverName}"
        rootCaFiles: ["${c.caFile}"]`;
}

function config(o: { pgPort: number; maxConns: number; shards: number; ports: Record<string, number>; dynamicConfigPath: string; tls?: Certificates }): string {
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
global:${o.tls ? tlsConfig(o.tls) : ''}
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

async function registerNamespace(connectionEnv: Record<string, string>, namespace: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  // The frontend's port opens before it serves. Connected as the engine connects (temporalConnectionOptions).
  const connection = await retryUntil(deadline, 1_000, () => Connection.connect({ ...temporalConnectionOptions(connectionEnv), connectTimeout: 5_000 }));
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


/**
 * Starts PostgreSQL and the Temporal server on it, in `dataDir` (kept: a second start on the same folder finds its
 * data and only upgrades the schema), and registers `namespace`.
 */
export async function startTemporalOnPostgres(
  opts: TemporalServerBinaries & { dataDir: string; namespace?: string; maxConns?: number; shards?: number; log?: (line: string) => void; serverOutput?: 'inherit' | 'ignore'; /** mTLS on the frontend. */ tls?: Certificates },
): Promise<TemporalOnPostgres> {
  const log = opts.log ?? (() => undefined);
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e) => log(`stop: ${e}`));
    stops.length = 0;
  };
  try {
    const pgPort = await freePort();
    log(`PostgreSQL (embedded) on 127.0.0.1:${pgPort}, data in ${opts.dataDir}`);
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(opts.dataDir, 'postgres'), port: pgPort });
    stops.push(postgres.stop);
    for (const [db, dir] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ]) {
      const versioned = path.join(opts.schemaDir, 'postgresql', 'v12', dir, 'versioned');
      try {
        sqlTool(opts.sqlToolPath, pgPort, db, 'create-database');
        sqlTool(opts.sqlToolPath, pgPort, db, 'setup-schema', '-v', '0.0');
      } catch {
        log(`${db} exists; updating its schema`);
      }
      sqlTool(opts.sqlToolPath, pgPort, db, 'update-schema', '-d', versioned);
    }

    const names = ['frontendGrpc', 'frontendHttp', 'frontendMembership', 'historyGrpc', 'historyMembership', 'matchingGrpc', 'matchingMembership', 'workerGrpc', 'workerMembership', 'metrics'];
    const ports: Record<string, number> = {};
    const taken = new Set<number>();
    for (const n of names) ports[n] = await lowFreePort(taken);
    const configDir = path.join(opts.dataDir, 'config');
    fs.mkdirSync(configDir, { recursive: true });
    const dynamicConfigPath = path.join(configDir, 'dynamicconfig.yaml');
    fs.writeFileSync(dynamicConfigPath, 'limit.maxIDLength:\n  - value: 255\nfrontend.enableExecuteMultiOperation:\n  - value: true\n');
    fs.writeFileSync(path.join(configDir, 'development.yaml'), config({ pgPort, maxConns: opts.maxConns ?? 20, shards: opts.shards ?? 4, ports, dynamicConfigPath, tls: opts.tls }));

    const address = `127.0.0.1:${ports.frontendGrpc}`;
    log(`Temporal server ${opts.serverPath} on ${address} (metrics http://127.0.0.1:${ports.metrics}/metrics)`);
    const child: ChildProcess = spawn(opts.serverPath, ['--root', opts.dataDir, '--config', 'config', '--env', 'development', 'start'], { stdio: ['ignore', opts.serverOutput ?? 'inherit', opts.serverOutput ?? 'inherit'] });
    const exited = new Promise((r) => child.once('exit', r));
    stops.push(() => stopChild(child, exited));
    await waitForPort(ports.frontendGrpc, '127.0.0.1', 60_000, 'the Temporal server');
    const connectionEnv = { TEMPORAL_ADDRESS: address, ...(opts.tls ? mtlsEnv(opts.tls) : {}) };
    await registerNamespace(connectionEnv, opts.namespace ?? 'default');
    log(`ready: ${Object.entries(connectionEnv).map(([k, v]) => `${k}=${v}`).join(' ')} (server pid ${child.pid})`);
    return { address, connectionEnv, serverPid: child.pid!, postgres, pgPort, databasePid: postmasterPid(path.join(opts.dataDir, 'postgres')), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
