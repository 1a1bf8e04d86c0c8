#!/usr/bin/env node
// Runs a TypeScript entry point from source: `node tools/run-ts.js <file.ts> [args...]`.
// Installs the npm dependencies first when they are missing (a fresh clone), as `npm start` does.
'use strict';
const path = require('path');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
// Under the engine's Node.js (re-run under it when this one is older), then install what is missing.
if (!require('./toolchain/node').runUnderEngineNode(__filename, { announce: false })) return;
require('./ensure-install').ensureInstalled();
require('./register-ts');
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
