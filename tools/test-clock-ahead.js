#!/usr/bin/env node
// `npm run test:clock-ahead [-- days]`: the suite with the clock moved ahead (1,100 days by default),
// to prove that no test depends on the day it runs. libfaketime (Debian's `faketime`) moves the clock
// of every process that reads it through the C library: Jest, the worker, the API, the dispatcher,
// embedded PostgreSQL and Temporal's time-skipping test server. The Temporal dev server is a static
// Go binary that reads the clock through the vDSO, which libfaketime cannot reach, so the end-to-end
// project (which runs on it) is left out: its workflows would see every command as years in the future.
'use strict';
const { execSync, spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const days = Number(process.argv[2] ?? process.env.CLOCK_AHEAD_DAYS ?? 1100);
if (!Number.isInteger(days) || days <= 0) {
  console.error(`[clock-ahead] the number of days must be a positive whole number, got ${process.argv[2]}`);
  process.exit(2);
}

function findLibfaketime() {
  const candidates = [process.env.LIBFAKETIME_PATH, '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1'];
  return candidates.find((p) => p && fs.existsSync(p));
}

let lib = findLibfaketime();
if (!lib && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
  console.error('[clock-ahead] installing Debian package faketime');
  execSync('apt-get install -y -qq faketime || (apt-get update -qq && apt-get install -y -qq faketime)', { stdio: 'inherit', shell: '/bin/sh' });
  lib = findLibfaketime();
}
if (!lib) {
  console.error('[clock-ahead] libfaketime not found: install it (Debian: apt-get install faketime) or set LIBFAKETIME_PATH');
  process.exit(2);
}

// Every clock read goes through libfaketime's lock, so a workflow task takes seconds: the model-based test
// runs 40 sequences here (the same code paths as the 240 of npm test), unless MODEL_RUNS says otherwise.
const env = { MODEL_RUNS: '40', ...process.env, LD_PRELOAD: lib, FAKETIME: `+${days}d`, FAKETIME_DONT_FAKE_MONOTONIC: '1' };
const projects = process.argv.length > 3 ? process.argv.slice(3) : ['--selectProjects', 'unit', 'workflows', 'integration'];
const shown = spawnSync(process.execPath, ['-e', 'console.log(new Date().toISOString())'], { env, encoding: 'utf8' }).stdout.trim();
console.error(`[clock-ahead] the clock moved ${days} days ahead: now is ${shown} (${lib})`);
const result = spawnSync(process.execPath, [path.join(__dirname, 'test.js'), ...projects], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
