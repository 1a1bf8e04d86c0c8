#!/usr/bin/env node
// Runs a TypeScript entry point from source: `node tools/run-ts.js <file.ts> [args...]`.
'use strict';
const path = require('path');
require('./register-ts');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node tools/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
process.argv = [process.argv[0], path.resolve(entry), ...args];
require(path.resolve(entry));
