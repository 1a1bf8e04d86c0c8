#!/usr/bin/env node
'use strict';
/**
 * Finds or installs the Chromium the browser tests drive with playwright-core. playwright-core never
 * downloads a browser itself, and our machines reach package registries only, so the browser comes
 * from the machine: CONDUCT_CHROMIUM_PATH, then PATH, then (root on Debian) the distribution's
 * `chromium` package, else an error saying what to install. Plain CommonJS, Node built-ins only.
 *
 *   node tools/toolchain/chromium.js   prints the path (and, on stderr, where it came from)
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

/** The names Chromium goes by on PATH, in the order they are tried. */
const CHROMIUM_NAMES = Object.freeze(['chromium', 'chromium-browser', 'chromium-headless-shell', 'google-chrome']);
const DEBIAN_PACKAGE = 'chromium';

function isExecutableFile(p) {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function firstOnPath(names, pathVar, isExecutable = isExecutableFile) {
  for (const name of names) {
    for (const dir of (pathVar || '').split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(dir, name);
      if (isExecutable(candidate)) return path.resolve(candidate);
    }
  }
  return null;
}

/**
 * The choice, without side effects: `{ use, from }`, `{ install: 'apt-get' }` or `{ missing }` (what to do).
 * An explicit path that is not an executable file is an error, never silently passed over.
 */
function chooseChromium({ explicit, onPath, isRoot, hasAptGet, isExecutable = isExecutableFile }) {
  const given = explicit && explicit.trim();
  if (given) {
    const p = path.resolve(given);
    if (!isExecutable(p)) return { missing: `CONDUCT_CHROMIUM_PATH=${given} is not an executable file. Fix or unset it.` };
    return { use: p, from: 'CONDUCT_CHROMIUM_PATH' };
  }
  if (onPath) return { use: onPath, from: 'PATH' };
  if (isRoot && hasAptGet) return { install: 'apt-get' };
  return {
    missing: [
      `No Chromium found (tried CONDUCT_CHROMIUM_PATH, then ${CHROMIUM_NAMES.join(', ')} on PATH). The browser tests need one:`,
      `  - Debian/Ubuntu: sudo apt-get install ${DEBIAN_PACKAGE} (as root, npm test installs it itself)`,
      '  - macOS: brew install --cask chromium (or Google Chrome)',
      '  - or set CONDUCT_CHROMIUM_PATH=/abs/path/to/chromium',
    ].join('\n'),
  };
}

/** `apt-get install -y chromium`; `apt-get update` first only if that fails (the lists may be stale or absent). */
function installWithAptGet(log) {
  const t0 = Date.now();
  log(`[chromium] installing the Debian package ${DEBIAN_PACKAGE} (apt-get install -y ${DEBIAN_PACKAGE})`);
  // Another run installing at the same time holds dpkg's lock: wait for it rather than fail.
  const install = () => spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'install', '-y', '-qq', '--no-install-recommends', DEBIAN_PACKAGE], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, timeout: 15 * 60_000 });
  let res = install();
  if (res.status !== 0) {
    log('[chromium] the install failed; running apt-get update and trying again');
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', 'update', '-qq'], { encoding: 'utf8', timeout: 15 * 60_000 });
    res = install();
  }
  if (res.status !== 0) throw new Error(`apt-get install ${DEBIAN_PACKAGE} failed (exit ${res.status}):\n${String(res.stderr || res.stdout).trimEnd().split('\n').slice(-10).join('\n')}`);
  log(`[chromium] installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The absolute path of a Chromium to launch: `{ path, from }`. Installs Debian's when root and none is
 * found; throws (err.code CONDUCT_TOOLCHAIN_MISSING) with what to install otherwise.
 */
function ensureChromium({ log = (l) => console.error(l), env = process.env } = {}) {
  const facts = () => ({
    explicit: env.CONDUCT_CHROMIUM_PATH,
    // /usr/bin too, where the Debian package puts it, in case PATH leaves it out.
    onPath: firstOnPath(CHROMIUM_NAMES, [env.PATH, '/usr/bin'].filter(Boolean).join(path.delimiter)),
    isRoot: process.getuid?.() === 0,
    hasAptGet: isExecutableFile('/usr/bin/apt-get'),
  });
  let choice = chooseChromium(facts());
  if (choice.install) {
    installWithAptGet(log);
    choice = chooseChromium({ ...facts(), isRoot: false });
  }
  if (choice.missing) throw Object.assign(new Error(choice.missing), { code: 'CONDUCT_TOOLCHAIN_MISSING' });
  return { path: choice.use, from: choice.from };
}

module.exports = { CHROMIUM_NAMES, chooseChromium, firstOnPath, ensureChromium };

if (require.main === module) {
  try {
    const found = ensureChromium();
    console.error(`Chromium from ${found.from}: ${found.path}`);
    process.stdout.write(`${found.path}\n`);
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}
