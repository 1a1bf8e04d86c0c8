import 'reflect-metadata';
import { exitUnlessConfigured, setting } from '@conduct/config';
import { logLine } from '@conduct/logging';
import { startTracing } from '@conduct/temporal';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  exitUnlessConfigured('api');
  // Before the application is built: off (nothing started) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing('api');
  const app = await createApi();
  const port = setting('PORT');
  await app.listen(port, setting('HOST'));
  logLine('api', 'info', 'api listening', { url: `http://localhost:${port}` });
  process.send?.({ ready: 'api', port });
  // The one shutdown path (Nest's own shutdown hooks are not enabled: two closes end the database pool
  // twice, and the second logs an error). A supervisor that goes away (its IPC channel closes) stops it too.
  let closing: Promise<void> | null = null;
  const stop = () => {
    closing ??= app
      .close()
      .then(() => tracing?.shutdown())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

main().catch((err) => {
  logLine('api', 'error', 'api stopped on an error', { error: err });
  process.exit(1);
});
