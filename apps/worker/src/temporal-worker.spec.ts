import * as path from 'path';
import { Resource } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { workerTracing, workerTuning, workflowBundle } from './temporal-worker';

describe('worker tuning', () => {
  it('bounds the workflow cache at 1,000 unless WORKER_MAX_CACHED_WORKFLOWS says otherwise', () => {
    expect(workerTuning({}).maxCachedWorkflows).toBe(1000);
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '' }).maxCachedWorkflows).toBe(1000);
    expect(workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '500' }).maxCachedWorkflows).toBe(500);
  });

  it("hands a task to any worker after 3 s on this worker's own queue, so a killed worker's timers are not held for the SDK's 10 s", () => {
    expect(workerTuning({}).stickyQueueScheduleToStartTimeout).toBe(3000);
    expect(workerTuning({ WORKER_STICKY_QUEUE_TIMEOUT_MS: '10000' }).stickyQueueScheduleToStartTimeout).toBe(10000);
    expect(() => workerTuning({ WORKER_STICKY_QUEUE_TIMEOUT_MS: 'soon' })).toThrow(/WORKER_STICKY_QUEUE_TIMEOUT_MS/);
  });

  it('refuses a cache size that is not a whole number, naming the variable', () => {
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
    expect(() => workerTuning({ WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});

describe('the workflow code the worker runs', () => {
  it('is the prebuilt bundle WORKFLOW_BUNDLE_PATH names, loaded as it is rather than bundled at start', async () => {
    const file = path.join(__dirname, 'temporal-worker.ts');
    expect(await workflowBundle({ WORKFLOW_BUNDLE_PATH: file })).toEqual({ codePath: file });
  });

  it('refuses a WORKFLOW_BUNDLE_PATH that names no file, naming the variable', async () => {
    await expect(workflowBundle({ WORKFLOW_BUNDLE_PATH: path.join(__dirname, 'no-such-bundle.js') })).rejects.toThrow(/WORKFLOW_BUNDLE_PATH.*expected an existing file/);
  });
});

describe("the worker's tracing", () => {
  it('gives every worker the sink the bundled workflow interceptors send their spans to, and activity interceptors only to one that traces', () => {
    expect(workerTracing(undefined)).toEqual({ sinks: { exporter: { export: expect.objectContaining({ fn: expect.any(Function) }) } } });
    const tracing = { resource: new Resource({}), spanProcessor: new SimpleSpanProcessor(new InMemorySpanExporter()), shutdown: async () => undefined };
    const traced = workerTracing(tracing);
    expect(traced.sinks?.exporter).toBeDefined();
    expect(traced.interceptors?.activity).toHaveLength(1);
  });
});
