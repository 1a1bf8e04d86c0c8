import type { InjectedSinks } from '@temporalio/worker';
import { type OpenTelemetryWorkflowExporter, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { Tracing } from './tracing';

/**
 * Where the bundled workflow interceptors' spans go (bundle.ts): out by the process's span processor when it traces,
 * nowhere when it does not. Every worker, and every replay of a history, must be given it: the workflow code calls
 * it either way, and a call to a sink a worker lacks is logged as an error.
 */
export function workflowSpanSink(tracing: Tracing | undefined): InjectedSinks<{ exporter: OpenTelemetryWorkflowExporter }> {
  return { exporter: tracing ? makeWorkflowExporter(tracing.spanProcessor, tracing.resource) : { export: { fn: () => undefined } } };
}
