import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { exitUnlessConfigured, setting } from '@conduct/config';
import { parseEscalationPolicy, parseRoutes } from '@conduct/notifications';
import { connectionSecurity, startTracing, temporalConnectionOptions, temporalSettings } from '@conduct/temporal';
import { JsonLogger, logLine } from '@conduct/logging';
import { WorkerModule } from './worker.module';
import { createConductWorker } from './temporal-worker';
import { OutboxDispatcher } from './outbox/outbox-dispatcher';
import { installTemporalRuntime } from './logging';

/**
 * The worker: a Nest application context whose providers are the activities, running a Temporal
 * Worker, and the outbox dispatcher that delivers what the activities queued (OUTBOX_DISPATCHER=off
 * to run a worker without it).
 */
async function main(): Promise<void> {
  exitUnlessConfigured('worker', { NOTIFICATION_ROUTES: parseRoutes, ESCALATION_POLICY: parseEscalationPolicy });
  installTemporalRuntime();
  // Before the first connection: off (nothing started) unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
  const tracing = startTracing('worker');
  const logger = new JsonLogger('worker', setting('LOG_LEVEL'));
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  const settings = temporalSettings();
  const worker = await createConductWorker(app, settings, { tracing });
  const dispatcher = setting('OUTBOX_DISPATCHER') === 'off' ? null : app.get(OutboxDispatcher);
  let dispatcherStopped: Promise<void> = Promise.resolve();
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    worker.shutdown();
    if (dispatcher) dispatcherStopped = dispatcher.stop();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // A supervisor that goes away (its IPC channel closes) takes the worker with it.
  process.once('disconnect', stop);
  const running = worker.run();
  dispatcher?.start();
  logLine('worker', 'info', 'worker running', { taskQueue: settings.taskQueue, temporal: settings.address, security: connectionSecurity(temporalConnectionOptions()) });
  process.send?.({ ready: 'worker' });
  await running;
  await dispatcherStopped;
  await app.close();
  await tracing?.shutdown();
}

main().then(
  () => process.exit(0),
  (err) => {
    logLine('worker', 'error', 'worker stopped on an error', { error: err });
    process.exit(1);
  },
);
