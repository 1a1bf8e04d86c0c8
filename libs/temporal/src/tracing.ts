import { Attributes, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SpanProcessor } from '@opentelemetry/sdk-trace-base';
// The client part alone: the package's index also loads its worker plugin, which the API has no use for.
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { setting } from '@conduct/config';

/** The services that trace, and the `service.name` each has unless OTEL_SERVICE_NAME says otherwise. */
export const TRACED_SERVICES = { api: 'conduct-api', worker: 'conduct-worker' } as const;
export type TracedService = keyof typeof TRACED_SERVICES;

/** The OTLP/HTTP path spans are POSTed to under the collector's endpoint (the OTLP specification's). */
export const OTLP_TRACES_PATH = '/v1/traces';

/** The name the engine's own spans (HTTP requests, projection and outbox writes) are made under. */
export const TRACER_NAME = 'conduct-engine';

export interface Tracing {
  readonly resource: Resource;
  /** Also given to the worker's workflow span sink, so the workflows' spans leave by the same exporter. */
  readonly spanProcessor: SpanProcessor;
  /** Sends what is still buffered and stops. */
  shutdown(): Promise<void>;
}

let started: Tracing | undefined;

/**
 * Starts OpenTelemetry tracing for this process when OTEL_EXPORTER_OTLP_ENDPOINT is set, and only then: with no
 * endpoint nothing is started and every span the code asks for is the API's no-op one. Registers a tracer provider
 * that exports in batches over OTLP/HTTP, W3C trace-context propagation (which Temporal's interceptors use to carry
 * a trace in workflow and activity headers) and an AsyncLocalStorage context, so a span stays current across awaits.
 * Once per process.
 */
export function startTracing(service: TracedService, env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  const endpoint = setting('OTEL_EXPORTER_OTLP_ENDPOINT', env);
  if (!endpoint || started) return started;
  const resource = new Resource({ 'service.name': setting('OTEL_SERVICE_NAME', env) ?? TRACED_SERVICES[service] });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url: otlpTracesUrl(endpoint) }), { scheduledDelayMillis: 1_000 });
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  started = { resource, spanProcessor, shutdown: () => provider.shutdown() };
  return started;
}

/** Whether this process traces (startTracing found an endpoint). */
export function tracingStarted(): boolean {
  return started !== undefined;
}

/** `http://collector:4318` → `http://collector:4318/v1/traces`; a trailing slash is not doubled. */
export function otlpTracesUrl(endpoint: string): string {
  return `${endpoint.replace(/\/+$/, '')}${OTLP_TRACES_PATH}`;
}

/**
 * A Temporal client's workflow interceptors: when tracing, the SDK's OpenTelemetry one, which makes a span for each
 * start, update, signal and query and puts its context in the call's headers for the workflow to continue; none
 * otherwise.
 */
export function tracingClientInterceptors(): WorkflowClientInterceptor[] {
  return tracingStarted() ? [new OpenTelemetryWorkflowClientInterceptor()] : [];
}

/** Runs `fn` in a child span of the current one (a no-op span when not tracing), ending it with `fn`'s outcome. */
export function inSpan<T>(name: string, attributes: Attributes, fn: () => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}
