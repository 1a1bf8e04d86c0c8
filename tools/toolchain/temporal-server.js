/**
 * Temporal's own server (go.temporal.io/server, all four services in one process) and its SQL tool, for running the
 * engine on Temporal-on-PostgreSQL as a department would (the production-profile suite, the benchmark's
 * bench/temporal-on-postgres.ts). No package registry here carries the binaries, so they are built once per machine
 * from the Go module proxy (pinned by version; the proxy's go.sum checks what it serves) into the cache outside the
 * clone, with the PostgreSQL schema files beside them:
 *   <cache root>/temporal-server-<version>/{server, sql, schema/postgresql/v12/...}
 * TEMPORAL_SERVER_PATH (with `sql` and `schema/` beside it, or TEMPORAL_SQL_TOOL_PATH / TEMPORAL_SCHEMA_DIR) skips it.
 * The build takes about ten minutes on two cores, once.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');

const TEMPORAL_SERVER_VERSION = 'v1.29.1';
const MARKER = 'conduct-temporal-server.json';

function cacheRoot() {
  return process.env.CONDUCT_CACHE_DIR || path.join(os.homedir(), '.cache', 'conduct-engine');
}

function entryDir() {
  return path.join(cacheRoot(), `temporal-server-${TEMPORAL_SERVER_VERSION.replace(/^v/, '')}`);
}

function goModCache() {
  const res = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' });
  return res.status === 0 ? res.stdout.trim() : path.join(os.homedir(), 'go', 'pkg', 'mod');
}

function executable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The binaries and schema of a finished entry: both binaries, and the schema (its own copy, or the module cache's). */
function located(dir) {
  const server = path.join(dir, 'server');
  const sql = path.join(dir, 'sql');
  if (!executable(server) || !executable(sql)) return null;
  const own = path.join(dir, 'schema');
  const fromModules = path.join(goModCache(), 'go.temporal.io', `server@${TEMPORAL_SERVER_VERSION}`, 'schema');
  const schemaDir = [own, fromModules].find((d) => fs.existsSync(path.join(d, 'postgresql', 'v12')));
  return schemaDir ? { serverPath: server, sqlToolPath: sql, schemaDir } : null;
}

function build(dir, log) {
  if (spawnSync('go', ['version']).status !== 0) {
    throw new Error(`the Temporal server ${TEMPORAL_SERVER_VERSION} is not in ${dir} and Go is not on PATH to build it (or set TEMPORAL_SERVER_PATH)`);
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-temporal-server-'));
  const staging = `${dir}.staging-${process.pid}`;
  try {
    fs.writeFileSync(path.join(work, 'go.mod'), `module temporalbuild\n\ngo 1.25.0\n\nrequire go.temporal.io/server ${TEMPORAL_SERVER_VERSION}\n`);
    fs.writeFileSync(path.join(work, 'tools.go'), '//go:build tools\npackage tools\n\nimport (\n\t_ "go.temporal.io/server/cmd/server"\n\t_ "go.temporal.io/server/cmd/tools/sql"\n)\n');
    const started = Date.now();
    log(`[toolchain] Temporal server: building go.temporal.io/server@${TEMPORAL_SERVER_VERSION} from the Go module proxy (once per machine, about ten minutes) into ${dir}`);
    const go = (args) => {
      const res = spawnSync('go', args, { cwd: work, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env: { ...process.env, CGO_ENABLED: '0' } });
      if (res.status !== 0) throw new Error(`go ${args[0]} failed: ${(res.stderr || '').split('\n').slice(-15).join('\n')}`);
    };
    go(['mod', 'tidy']);
    fs.mkdirSync(staging, { recursive: true });
    go(['build', '-trimpath', '-ldflags=-s -w', '-o', `${staging}/`, 'go.temporal.io/server/cmd/server', 'go.temporal.io/server/cmd/tools/sql']);
    // The schema travels with the binaries, so the module cache may be cleaned.
    fs.cpSync(path.join(goModCache(), 'go.temporal.io', `server@${TEMPORAL_SERVER_VERSION}`, 'schema', 'postgresql'), path.join(staging, 'schema', 'postgresql'), { recursive: true });
    fs.writeFileSync(path.join(staging, MARKER), JSON.stringify({ version: TEMPORAL_SERVER_VERSION, builtAt: new Date().toISOString() }));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(staging, dir);
    log(`[toolchain] Temporal server: built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** The build in progress (another process's): its lock file names its pid. */
function lockFile(dir) {
  return `${dir}.building`;
}

function buildInProgress(dir) {
  try {
    const pid = Number(fs.readFileSync(lockFile(dir), 'utf8'));
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

function buildHoldingTheLock(dir, log) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  fs.writeFileSync(lockFile(dir), String(process.pid));
  try {
    build(dir, log);
  } finally {
    fs.rmSync(lockFile(dir), { force: true });
  }
}

/**
 * A head start: `npm test` calls this before Jest, so the build (about ten minutes, once per machine) runs, niced, while
 * the other suites do; the production suite then waits for it in ensureTemporalServer. Nothing when it is built,
 * given, already being built, or Go is missing (ensureTemporalServer then says so).
 */
function startTemporalServerBuild({ log = console.error } = {}) {
  if (process.env.TEMPORAL_SERVER_PATH) return;
  const dir = entryDir();
  if (located(dir) || buildInProgress(dir) || spawnSync('go', ['version']).status !== 0) return;
  fs.mkdirSync(cacheRoot(), { recursive: true });
  const out = fs.openSync(`${dir}.build.log`, 'w');
  const child = spawn('nice', ['-n', '10', process.execPath, __filename, '--build'], { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  log(`[toolchain] Temporal server: building in the background (log: ${dir}.build.log)`);
}

/** @returns {{ serverPath: string, sqlToolPath: string, schemaDir: string }} */
function ensureTemporalServer({ log = console.error } = {}) {
  const given = process.env.TEMPORAL_SERVER_PATH;
  if (given) {
    const serverPath = path.resolve(given);
    if (!executable(serverPath)) throw new Error(`TEMPORAL_SERVER_PATH=${given} is not an executable file`);
    const sqlToolPath = process.env.TEMPORAL_SQL_TOOL_PATH || path.join(path.dirname(serverPath), 'sql');
    const schemaDir = process.env.TEMPORAL_SCHEMA_DIR || (located(path.dirname(serverPath)) || {}).schemaDir;
    if (!schemaDir) throw new Error(`no Temporal schema beside ${serverPath}: set TEMPORAL_SCHEMA_DIR`);
    return { serverPath, sqlToolPath, schemaDir };
  }
  const dir = entryDir();
  const found = located(dir);
  if (found) return found;
  if (buildInProgress(dir)) {
    log(`[toolchain] Temporal server: waiting for the build already under way (log: ${dir}.build.log)`);
    const pause = new Int32Array(new SharedArrayBuffer(4));
    for (const until = Date.now() + 60 * 60_000; buildInProgress(dir) && Date.now() < until; ) Atomics.wait(pause, 0, 0, 2_000);
    const done = located(dir);
    if (done) return done;
    let tail = '';
    try {
      tail = fs.readFileSync(`${dir}.build.log`, 'utf8').split('\n').slice(-15).join('\n');
    } catch {
      /* no log */
    }
    throw new Error(`the background build of the Temporal server left nothing in ${dir}:\n${tail}`);
  }
  buildHoldingTheLock(dir, log);
  const built = located(dir);
  if (!built) throw new Error(`the Temporal server build left no server, sql and schema in ${dir}`);
  return built;
}

module.exports = { ensureTemporalServer, startTemporalServerBuild, TEMPORAL_SERVER_VERSION };

if (require.main === module && process.argv[2] === '--build') {
  const dir = entryDir();
  if (!located(dir)) buildHoldingTheLock(dir, (l) => console.error(l));
}
