import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Worker } from '@temporalio/worker';
import { londonDateOf } from '@conduct/domain';
import { Tracing } from '@conduct/temporal';
import { bundleWorkflows, workflowSpanSink } from '@conduct/temporal/worker';
import { matterWorkflowId, subjectWorkflowId } from '@conduct/workflows';
import { WorkflowHarness, newReference } from '../../test/support/workflow-harness';

/**
 * Traces on a running engine. Every worker runs the same workflow code, Temporal's tracing interceptors bundled in
 * (bundle.ts): a worker that traces differs only in its activity interceptors and where its span sink sends the
 * spans, so traces can be turned on and off, and worker by worker, with matters running. A matter begun by the code
 * released before the interceptors carries on under them, and its history replays.
 */
let h: WorkflowHarness | undefined;
let dir: string | undefined;
let provider: BasicTracerProvider | undefined;
afterEach(async () => {
  await h?.stop();
  await provider?.shutdown();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** As startTracing, with the spans kept here rather than sent: the activities' spans go to the process's provider. */
function tracingInMemory(): { tracing: Tracing; exported: InMemorySpanExporter } {
  const exported = new InMemorySpanExporter();
  const resource = new Resource({ 'service.name': 'conduct-worker' });
  const spanProcessor = new SimpleSpanProcessor(exported);
  provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return { tracing: { resource, spanProcessor, shutdown: async () => undefined }, exported };
}

async function historiesOf(reference: string) {
  return Promise.all([matterWorkflowId(reference), subjectWorkflowId(reference, 'pc-1')].map(async (workflowId) => ({ workflowId, history: await h!.env.client.workflow.getHandle(workflowId).fetchHistory() })));
}

async function replayFailures(histories: Awaited<ReturnType<typeof historiesOf>>): Promise<string[]> {
  const failures: string[] = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath: process.env.WORKFLOW_TEST_BUNDLE_PATH! }, sinks: workflowSpanSink(undefined) }, histories)) if (r.error) failures.push(`${r.workflowId}: ${r.error.message}`);
  return failures;
}

const at = async () => new Date(await h!.env.currentTimeMs()).toISOString();
const refer = async (reference: string) => {
  await h!.refer({ reference, kind: 'conduct-matter', forceId: 'test-force', appropriateAuthority: 'Chief Constable', receivedOn: londonDateOf(await h!.env.currentTimeMs()), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
  await h!.waitForSubject(reference, 'pc-1');
};

describe('a worker that traces', () => {
  it('makes the workflow and activity spans of a decision, one tree, and leaves a history a worker that does not trace replays', async () => {
    const { tracing, exported } = tracingInMemory();
    h = await WorkflowHarness.start({ tracing });
    const reference = newReference('traced');
    await refer(reference);
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });

    // The workflow's spans leave the sandbox by the sink after its activation; a workflow still running has not ended its RunWorkflow span.
    const expected = ['HandleUpdate:recordDecision', 'StartActivity:recordSubjectChange', 'RunActivity:recordSubjectChange', 'projection: subject', 'outbox: enqueue'];
    for (let i = 0; i < 50 && !expected.every((n) => exported.getFinishedSpans().some((s) => s.name === n)); i++) await new Promise((r) => setTimeout(r, 100));
    const spans = exported.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(expect.arrayContaining(expected));
    // The activity continued the workflow's trace from its headers.
    const decision = spans.find((s) => s.name === 'HandleUpdate:recordDecision')!;
    const activity = spans.find((s) => s.name === 'RunActivity:recordSubjectChange' && s.spanContext().traceId === decision.spanContext().traceId)!;
    expect(spans.some((s) => s.name === 'StartActivity:recordSubjectChange' && s.spanContext().spanId === activity.parentSpanId)).toBe(true);

    expect(await replayFailures(await historiesOf(reference))).toEqual([]);
  }, 120_000);

  it('takes over a matter begun by the code released before the tracing interceptors: its decisions carry on, and its history replays', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-released-'));
    const released = path.join(dir, 'workflow-bundle.js');
    fs.writeFileSync(released, (await bundleWorkflows(undefined, { tracingInterceptors: false })).code);
    // A released worker that caches nothing: a cached matter's next task would wait for its sticky queue on the
    // server's clock, which does not move while the test waits for an update.
    const cached = process.env.WORKER_MAX_CACHED_WORKFLOWS;
    process.env.WORKER_MAX_CACHED_WORKFLOWS = '0';
    try {
      h = await WorkflowHarness.start({ workflowBundle: released });
    } finally {
      if (cached === undefined) delete process.env.WORKER_MAX_CACHED_WORKFLOWS;
      else process.env.WORKER_MAX_CACHED_WORKFLOWS = cached;
    }
    const reference = newReference('upgraded');
    await refer(reference);
    await h.decide(reference, 'pc-1', { decision: 'severity-assessment', severity: 'misconduct', occurredAt: await at() });

    const { tracing, exported } = tracingInMemory();
    await h.replaceWorker({ tracing });
    await h.record(reference, 'pc-1', { event: 'notice-of-investigation-served', occurredAt: await at() });
    await h.record(reference, 'pc-1', { event: 'interview-held', occurredAt: await at() });
    expect((await h.subject(reference, 'pc-1')).stage).toBe('investigation');
    // From the takeover on, the new code traces the matter's updates.
    for (let i = 0; i < 50 && !exported.getFinishedSpans().some((s) => s.name === 'HandleUpdate:recordEvent'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(exported.getFinishedSpans().map((s) => s.name)).toContain('HandleUpdate:recordEvent');

    expect(await replayFailures(await historiesOf(reference))).toEqual([]);
  }, 120_000);
});
