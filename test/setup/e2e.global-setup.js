// For the end-to-end suite: the whole stack as `npm start` runs it (embedded PostgreSQL, the
// Temporal dev server, the worker and the API as their own processes), on free ports and a
// throwaway data folder, so two runs on one machine do not collide.
const fs = require('fs');
const os = require('os');
const path = require('path');
require('../../tools/register-ts');

// One force of the suite routes sexual misconduct to a specialist unit's queue (test/e2e/allocation-routes.e2e-spec.ts);
// the others keep every matter in the general queue.
const E2E_ALLOCATION_ROUTES = { 'e2e-routed-force': [{ queue: 'sexual-misconduct-unit', categories: ['E1', 'E2', 'F1', 'F2', 'F3'] }] };

module.exports = async () => {
  const { startStack, freePort } = require('../../tools/stack');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-e2e-'));
  fs.chmodSync(dir, 0o755);
  const started = Date.now();
  // The worker serves the Temporal SDK's metrics on a free port (off by default: `npm start` sets none).
  const workerMetrics = `127.0.0.1:${await freePort()}`;
  const stack = await startStack({ dataDir: dir, uiPort: null, env: { AUTH_JWT_SECRET: require('crypto').randomBytes(32).toString('hex'), WORKER_METRICS_ADDRESS: workerMetrics, ALLOCATION_ROUTES: JSON.stringify(E2E_ALLOCATION_ROUTES) }, silent: !process.env.E2E_VERBOSE, log: () => undefined });
  process.env.E2E_API_URL = stack.apiUrl;
  process.env.E2E_JWT_SECRET = stack.authJwtSecret;
  process.env.E2E_DATABASE_URL = stack.databaseUrl;
  process.env.E2E_TEMPORAL_ADDRESS = stack.temporalAddress;
  process.env.E2E_WORKER_METRICS_URL = `http://${workerMetrics}/metrics`;
  globalThis.__conductE2e = { stack, dir };
  console.log(`\n[e2e] stack up in ${((Date.now() - started) / 1000).toFixed(1)} s: ${stack.apiUrl}`);
};
