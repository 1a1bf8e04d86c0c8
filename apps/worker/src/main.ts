import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { temporalSettings } from '@conduct/temporal';
import { WorkerModule } from './worker.module';
import { createConductWorker } from './temporal-worker';

/** The worker: a Nest application context whose providers are the activities, running a Temporal Worker. */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error', 'warn', 'log'] });
  const settings = temporalSettings();
  const worker = await createConductWorker(app, settings);
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const running = worker.run();
  console.log(JSON.stringify({ level: 'info', service: 'worker', message: 'worker running', taskQueue: settings.taskQueue, temporal: settings.address }));
  process.send?.({ ready: 'worker' });
  await running;
  await app.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
