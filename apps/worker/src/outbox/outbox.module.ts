import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { setting } from '@conduct/config';
import { ChannelDirectory, channelDirectoryFromEnv, parseEscalationPolicy } from '@conduct/notifications';
import { DeadlinePolicyWatcher, ESCALATION_POLICY } from './deadline-policy.watcher';
import { DISPATCHER_LOG, DISPATCHER_SETTINGS, OutboxDispatcher, dispatcherSettingsFromEnv, jsonLog } from './outbox-dispatcher';

/** The dispatcher and its configuration from the environment. It does not start itself: main.ts starts it. */
@Module({
  providers: [
    { provide: ChannelDirectory, useFactory: () => channelDirectoryFromEnv() },
    { provide: DISPATCHER_SETTINGS, useFactory: () => dispatcherSettingsFromEnv() },
    { provide: DISPATCHER_LOG, useValue: jsonLog },
    { provide: ESCALATION_POLICY, useFactory: () => parseEscalationPolicy(setting('ESCALATION_POLICY')) },
    { provide: DeadlinePolicyWatcher, inject: [DataSource, ESCALATION_POLICY], useFactory: (db: DataSource, policy) => new DeadlinePolicyWatcher(db, policy) },
    {
      provide: OutboxDispatcher,
      inject: [DataSource, ChannelDirectory, DISPATCHER_SETTINGS, DISPATCHER_LOG, DeadlinePolicyWatcher],
      useFactory: (db: DataSource, channels: ChannelDirectory, settings, log, policy: DeadlinePolicyWatcher) => new OutboxDispatcher(db, channels, settings, log, policy),
    },
  ],
  exports: [OutboxDispatcher],
})
export class OutboxModule {}
