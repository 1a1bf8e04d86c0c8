import { temporalTelemetry } from './logging';

describe("the worker's Temporal runtime telemetry", () => {
  it("serves the SDK's own metrics for Prometheus only when WORKER_METRICS_ADDRESS is set, so parallel stacks never clash on a port", () => {
    expect(temporalTelemetry({}).metrics).toBeUndefined();
    expect(temporalTelemetry({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }).metrics).toMatchObject({ prometheus: { bindAddress: '0.0.0.0:9464', useSecondsForDurations: true } });
  });

  it('keeps forwarding the core\'s logs at TEMPORAL_LOG_LEVEL either way', () => {
    expect(temporalTelemetry({ TEMPORAL_LOG_LEVEL: 'ERROR', WORKER_METRICS_ADDRESS: '127.0.0.1:9464' }).logging).toMatchObject({ forward: {}, filter: expect.stringContaining('ERROR') });
  });
});
