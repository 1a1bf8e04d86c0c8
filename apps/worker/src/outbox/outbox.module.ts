import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChannelDirectory, channelDirectoryFromEnv } from '@conduct/notifications';
import { DISPATCHER_LOG, DISPATCHER_SETTINGS, OutboxDispatcher, dispatcherSettingsFromEnv, jsonLog } from './outbox-dispatcher';

/** The dispatcher and its configuration from the environment. It does not start itself: main.ts starts it. */
@Module({
  providers: [
    { provide: ChannelDirectory, useFactory: () => channelDirectoryFromEnv() },
    { provide: DISPATCHER_SETTINGS, useFactory: () => dispatcherSettingsFromEnv() },
    { provide: DISPATCHER_LOG, useValue: jsonLog },
    {
      provide: OutboxDispatcher,
      inject: [DataSource, ChannelDirectory, DISPATCHER_SETTINGS, DISPATCHER_LOG],
      useFactory: (db: DataSource, channels: ChannelDirectory, settings, log) => new OutboxDispatcher(db, channels, settings, log),
    },
  ],
  exports: [OutboxDispatcher],
})
export class OutboxModule {}
