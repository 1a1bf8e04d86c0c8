import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@conduct/persistence';
import { OutboxModule } from './outbox.module';
import { OutboxDispatcher } from './outbox-dispatcher';

@Module({ imports: [TypeOrmModule.forRootAsync({ useFactory: () => dataSourceOptions() }), OutboxModule] })
class DispatcherModule {}

/**
 * The dispatcher on its own, without a Temporal worker: to run more dispatchers than workers, and
 * the process the fault test kills. Several may run at once: claims never overlap.
 */
async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(DispatcherModule, { logger: ['error', 'warn'] });
  const dispatcher = app.get(OutboxDispatcher);
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  dispatcher.start();
  process.send?.({ ready: 'dispatcher' });
  await signalled;
  await dispatcher.stop();
  await app.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(JSON.stringify({ level: 'error', service: 'outbox', message: 'dispatcher failed to start', error: err?.code ?? err?.name ?? 'error' }));
    process.exit(1);
  },
);
