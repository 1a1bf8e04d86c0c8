// Installs the project's npm dependencies when they are missing or older than package-lock.json,
// so `npm start` and `npm test` work on a fresh clone with nothing run before them.
'use strict';
const { execSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');

function lockHash() {
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(lock) ? crypto.createHash('sha256').update(fs.readFileSync(lock)).digest('hex') : 'no-lock';
}

function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.conduct-installed');
  const want = lockHash();
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === want) return;
  // Not `npm ci`: the lock file leaves out other platforms' optional binaries, which `npm ci` then refuses.
  const cmd = 'npm install --no-save --no-audit --no-fund';
  console.error(`[setup] installing npm dependencies (${cmd})`);
  const started = Date.now();
  // npm's output on stderr: stdout belongs to the command that asked (`npm run -s token | awk …`).
  execSync(cmd, { cwd: root, stdio: ['ignore', 2, 2] });
  fs.writeFileSync(marker, want);
  console.error(`[setup] npm dependencies installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

module.exports = { ensureInstalled };
