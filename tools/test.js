#!/usr/bin/env node
// `npm test`: installs what is missing (npm dependencies, the Temporal CLI and test server), then
// runs the whole suite: unit tests, workflow tests on the time-skipping server, end-to-end tests.
'use strict';
// First: run under the engine's Node.js (24, fetched and cached when this machine's is older).
if (!require('./toolchain/node').runUnderEngineNode(__filename)) return;
const { spawnSync } = require('child_process');
const path = require('path');
const { ensureInstalled } = require('./ensure-install');

async function main() {
  ensureInstalled();
  const toolchain = require('./toolchain');
  const log = (l) => console.error(`[setup] ${l}`);
  process.env.TEMPORAL_CLI_PATH = process.env.TEMPORAL_CLI_PATH || (await toolchain.ensureTemporalCli({ log })) || '';
  process.env.TEMPORAL_TEST_SERVER_PATH = process.env.TEMPORAL_TEST_SERVER_PATH || (await toolchain.ensureTestServer({ log })) || '';
  // The browser tests (e2e project) drive the machine's Chromium: found, or installed, once here.
  if (selectsProject(process.argv.slice(2), 'e2e')) {
    const chromium = require('./toolchain/chromium').ensureChromium({ log });
    log(`Chromium from ${chromium.from}: ${chromium.path}`);
    process.env.CONDUCT_CHROMIUM_PATH = chromium.path;
  }
  const jest = require.resolve('jest/bin/jest');
  const args = [jest, '--config', path.join(__dirname, '..', 'jest.config.js'), ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  process.exit(result.status ?? 1);
}

/** Whether Jest's arguments run that project: all run unless `--selectProjects` names others. */
function selectsProject(args, project) {
  const at = args.indexOf('--selectProjects');
  if (at === -1) return true;
  const named = [];
  for (const a of args.slice(at + 1)) {
    if (a.startsWith('-')) break;
    named.push(a);
  }
  return named.includes(project);
}

main().catch((err) => {
  console.error(`[setup] ${err.message}`);
  process.exit(1);
});
