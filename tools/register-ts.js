// Lets Node require the workspace's TypeScript from source: transpile-only (types are checked by
// `npm run typecheck` and the test suite), with tsconfig paths so `@conduct/*` resolves by name.
'use strict';
const path = require('path');
const root = path.resolve(__dirname, '..');
// Once per process, remembered in the process itself: an environment variable would be inherited by the processes
// this one starts, which would then skip their own registration (and Node 24 would load their TypeScript itself).
const REGISTERED = Symbol.for('conduct-engine.ts-registered');
if (!globalThis[REGISTERED]) {
  globalThis[REGISTERED] = true;
  require('ts-node').register({ project: path.join(root, 'tsconfig.json'), transpileOnly: true });
  require('tsconfig-paths').register({
    baseUrl: root,
    paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths,
  });
}
