const fs = require('fs');

module.exports = async () => {
  const e2e = globalThis.__conductE2e;
  if (!e2e) return;
  await e2e.stack.stop();
  fs.rmSync(e2e.dir, { recursive: true, force: true });
};
