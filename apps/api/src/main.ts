import 'reflect-metadata';
import { logLine } from '@conduct/logging';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  logLine('api', 'info', 'api listening', { url: `http://localhost:${port}` });
  process.send?.({ ready: 'api', port });
  // The one shutdown path (Nest's own shutdown hooks are not enabled: two closes end the database pool
  // twice, and the second logs an error). A supervisor that goes away (its IPC channel closes) stops it too.
  let closing: Promise<void> | null = null;
  const stop = () => {
    closing ??= app.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

main().catch((err) => {
  logLine('api', 'error', 'api stopped on an error', { error: err });
  process.exit(1);
});
