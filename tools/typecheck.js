#!/usr/bin/env node
// `npm run typecheck`: installs what is missing (a fresh clone), then `tsc --noEmit` on the workspace.
'use strict';
if (!require('./toolchain/node').runUnderEngineNode(__filename, { announce: false })) return;
const { spawnSync } = require('child_process');
const path = require('path');
require('./ensure-install').ensureInstalled();
const tsc = require.resolve('typescript/bin/tsc');
const root = path.resolve(__dirname, '..');
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.json'), '--noEmit', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
