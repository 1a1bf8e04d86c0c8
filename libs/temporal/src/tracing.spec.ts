import { trace } from '@opentelemetry/api';
import { otlpTracesUrl, startTracing, tracingClientInterceptors, tracingStarted } from './tracing';

describe('tracing', () => {
  it('starts nothing without OTEL_EXPORTER_OTLP_ENDPOINT: no tracer provider, no client interceptor, spans are no-ops', () => {
    expect(startTracing('api', {})).toBeUndefined();
    expect(tracingStarted()).toBe(false);
    expect(tracingClientInterceptors()).toEqual([]);
    expect(trace.getTracer('t').startSpan('s').isRecording()).toBe(false);
  });

  it("refuses an endpoint that is not an http(s) URL, naming the variable", () => {
    expect(() => startTracing('worker', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it("sends spans to the collector's OTLP/HTTP traces path", () => {
    expect(otlpTracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(otlpTracesUrl('https://otel.example/base/')).toBe('https://otel.example/base/v1/traces');
  });
});
