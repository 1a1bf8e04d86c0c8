#!/usr/bin/env node
// `npm start`: installs what is missing, then runs the embedded stack (PostgreSQL, Temporal dev
// server, worker, API) until Ctrl-C.
'use strict';
// First: run under the engine's Node.js (24, fetched and cached when this machine's is older).
if (!require('./toolchain/node').runUnderEngineNode(__filename)) return;
const { ensureInstalled } = require('./ensure-install');

ensureInstalled();
require('./toolchain')
  .ensureTemporalCli({ log: (l) => console.error(`[setup] ${l}`) })
  .then(() => {
    require('./register-ts');
    require('./stack/cli');
  })
  .catch((err) => {
    console.error(`[setup] ${err.message}`);
    process.exit(1);
  });
