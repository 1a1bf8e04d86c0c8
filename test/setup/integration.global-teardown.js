const fs = require('fs');

module.exports = async () => {
  const suite = globalThis.__conductIntegrationSuite;
  if (!suite) return;
  await suite.pg.stop();
  fs.rmSync(suite.dir, { recursive: true, force: true });
};
