import { DefaultLogger, LogLevel, Runtime, TelemetryOptions, makeTelemetryFilterString } from '@temporalio/worker';
import { setting } from '@conduct/config';
import { LogLevel as LineLevel, logLine } from '@conduct/logging';

/**
 * The Temporal SDK's runtime for the worker: its own logs (the worker's, the workflows' and the Rust core's,
 * forwarded) as JSON lines like every other service's, and, when WORKER_METRICS_ADDRESS is set, its own metrics
 * (task slots, poll and schedule-to-start latencies, sticky cache, activity and workflow task outcomes) served for
 * Prometheus at `http://<address>/metrics`. Must run before the first connection or worker is made.
 * The SDK logs and labels ids and types (workflow id, activity type, task queue), not payloads, which stay encrypted.
 */
export function installTemporalRuntime(env: NodeJS.ProcessEnv = process.env): void {
  const level: LogLevel = setting('TEMPORAL_LOG_LEVEL', env);
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => logLine('worker', entry.level.toLowerCase() as LineLevel, entry.message, { ...entry.meta })),
    telemetryOptions: temporalTelemetry(env),
  });
}

/** The SDK's prefix on its metrics' names (`temporal_request`, `temporal_workflow_task_schedule_to_start_latency`, …). */
export const TEMPORAL_METRIC_PREFIX = 'temporal_';

export function temporalTelemetry(env: NodeJS.ProcessEnv = process.env): TelemetryOptions {
  const level: LogLevel = setting('TEMPORAL_LOG_LEVEL', env);
  const bindAddress = setting('WORKER_METRICS_ADDRESS', env);
  return {
    logging: { filter: makeTelemetryFilterString({ core: level }), forward: {} },
    // Durations in seconds with the unit in the name, as Prometheus names them (and as the API's are); counters keep
    // the SDK's own names (some already end in `_total`: the suffix option would double it).
    ...(bindAddress ? { metrics: { metricPrefix: TEMPORAL_METRIC_PREFIX, prometheus: { bindAddress, unitSuffix: true, useSecondsForDurations: true } } } : {}),
  };
}
