// Lets Node require the workspace's TypeScript from source: transpile-only (types are checked by
// `npm run typecheck` and the test suite), with tsconfig paths so `@conduct/*` resolves by name.
'use strict';
const path = require('path');
const root = path.resolve(__dirname, '..');
if (!process.env.CONDUCT_TS_REGISTERED) {
  process.env.CONDUCT_TS_REGISTERED = '1';
  require('ts-node').register({ project: path.join(root, 'tsconfig.json'), transpileOnly: true });
  require('tsconfig-paths').register({
    baseUrl: root,
    paths: require(path.join(root, 'tsconfig.base.json')).compilerOptions.paths,
  });
}
