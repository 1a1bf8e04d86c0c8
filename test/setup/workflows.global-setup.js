// For the workflow suite: a real PostgreSQL (the activities write to it) and the workflow bundle,
// built once for every test file. Each file starts its own time-skipping test server.
const fs = require('fs');
const os = require('os');
const path = require('path');
require('../../tools/register-ts');

module.exports = async () => {
  const { startEmbeddedPostgres, freePort } = require('../../tools/stack');
  const { runMigrations } = require('@conduct/persistence');
  const { bundleWorkflows } = require('@conduct/temporal/worker');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-workflow-tests-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  await runMigrations(pg.url);
  const bundle = await bundleWorkflows();
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);
  process.env.WORKFLOW_TEST_DATABASE_URL = pg.url;
  // Not WORKFLOW_BUNDLE_PATH: jest's global setups share one process, and the e2e stack's worker would take it.
  process.env.WORKFLOW_TEST_BUNDLE_PATH = bundlePath;
  globalThis.__conductWorkflowSuite = { pg, dir };
};
