import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { exitUnlessConfigured, setting } from '@conduct/config';
import { channelDirectoryFromEnv, parseEscalationPolicy, parseRoutes } from '@conduct/notifications';
import { dataSourceOptions } from '@conduct/persistence';
import { DeadlinePolicyWatcher } from './deadline-policy.watcher';
import { OutboxDispatcher, dispatcherSettingsFromEnv, jsonLog } from './outbox-dispatcher';

/**
 * The dispatcher on its own, without a Temporal worker (and without Nest, to start quickly): to
 * run more dispatchers than workers, and the process the fault test kills. Several may run at
 * once: their claims never overlap. Configured by the same variables as the worker's.
 */
async function main(): Promise<void> {
  exitUnlessConfigured('dispatcher', { NOTIFICATION_ROUTES: parseRoutes, ESCALATION_POLICY: parseEscalationPolicy });
  const db = new DataSource(dataSourceOptions());
  await db.initialize();
  const policy = parseEscalationPolicy(setting('ESCALATION_POLICY'));
  const dispatcher = new OutboxDispatcher(db, channelDirectoryFromEnv(), dispatcherSettingsFromEnv(), jsonLog, policy ? new DeadlinePolicyWatcher(db, policy) : null);
  const signalled = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  dispatcher.start();
  process.send?.({ ready: 'dispatcher' });
  await signalled;
  await dispatcher.stop();
  await db.destroy();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(JSON.stringify({ level: 'error', service: 'outbox', message: 'dispatcher failed to start', error: err?.code ?? err?.name ?? 'error' }));
    process.exit(1);
  },
);
