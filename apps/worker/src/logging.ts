import { DefaultLogger, LogLevel, Runtime, makeTelemetryFilterString } from '@temporalio/worker';
import { setting } from '@conduct/config';
import { LogLevel as LineLevel, logLine } from '@conduct/logging';

/**
 * The Temporal SDK's own logs (the worker's, the workflows' and the Rust core's, forwarded) as JSON
 * lines like every other service's. Must run before the first connection or worker is made.
 * The SDK logs ids and types (workflow id, activity type), not payloads, which stay encrypted.
 */
export function installTemporalJsonLogs(env: NodeJS.ProcessEnv = process.env): void {
  const level: LogLevel = setting('TEMPORAL_LOG_LEVEL', env);
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => logLine('worker', entry.level.toLowerCase() as LineLevel, entry.message, { ...entry.meta })),
    telemetryOptions: { logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} } },
  });
}
