import 'reflect-metadata';
import { logLine } from '@conduct/logging';
import { createApi } from './bootstrap';

async function main(): Promise<void> {
  const app = await createApi();
  const port = Number(process.env.PORT ?? 3000);
  await app.listen(port, process.env.HOST ?? '127.0.0.1');
  logLine('api', 'info', 'api listening', { url: `http://localhost:${port}` });
  process.send?.({ ready: 'api', port });
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err) => {
  logLine('api', 'error', 'api stopped on an error', { error: err });
  process.exit(1);
});
