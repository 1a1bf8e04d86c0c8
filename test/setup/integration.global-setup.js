// For the integration suite: a real PostgreSQL, migrated. The tests start their own SMTP and HTTP
// receivers (and the fault test its own PostgreSQL, which it restarts).
const fs = require('fs');
const os = require('os');
const path = require('path');
require('../../tools/register-ts');

module.exports = async () => {
  const { startEmbeddedPostgres, freePort } = require('../../tools/stack');
  const { runMigrations } = require('@conduct/persistence');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-integration-tests-'));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port: await freePort() });
  await runMigrations(pg.url);
  process.env.INTEGRATION_DATABASE_URL = pg.url;
  globalThis.__conductIntegrationSuite = { pg, dir };
};
