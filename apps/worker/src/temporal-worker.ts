import { INestApplicationContext } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, WorkerOptions, WorkflowBundleOption } from '@temporalio/worker';
import { VARIABLES, setting } from '@conduct/config';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryActivityOutboundInterceptor } from '@temporalio/interceptors-opentelemetry';
import { TemporalSettings, Tracing, bundleWorkflows, encryptionCodecFromEnv, temporalConnectionOptions, tracingClientInterceptors, workflowSpanSink } from '@conduct/temporal/worker';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { RecordChangeActivities } from './activities/record-change.activities';
import { SubjectTracksActivitiesService } from './activities/subject-tracks.activities';

/**
 * The activities the workflows call, bound from the Nest providers that implement them; starting a subject's
 * track and telling its matter need a Temporal client on the worker's own connection.
 */
export function activitiesFrom(app: INestApplicationContext, client: Client, workflowTaskTimeoutMs?: number): Record<string, (...args: never[]) => Promise<unknown>> {
  const record = app.get(RecordChangeActivities);
  const calendar = app.get(CalendarActivitiesService);
  const tracks = new SubjectTracksActivitiesService(client, workflowTaskTimeoutMs);
  return {
    recordMatterChange: record.recordMatterChange.bind(record),
    recordSubjectChange: record.recordSubjectChange.bind(record),
    recordRecommendationChange: record.recordRecommendationChange.bind(record),
    computeDeadlines: calendar.computeDeadlines.bind(calendar),
    startSubjectTracks: tracks.startSubjectTracks.bind(tracks),
    tellMatter: tracks.tellMatter.bind(tracks),
  };
}

export async function createConductWorker(
  app: INestApplicationContext,
  settings: TemporalSettings,
  opts: { connection?: NativeConnection; workflowBundle?: WorkflowBundleOption; tracing?: Tracing } = {},
): Promise<Worker> {
  // TLS, a client certificate, an API key: as the API's connection is given them (temporalConnectionOptions).
  const connection = opts.connection ?? (await NativeConnection.connect(temporalConnectionOptions()));
  // The tracks the worker starts are encrypted like everything else it writes.
  const dataConverter = { payloadCodecs: [encryptionCodecFromEnv()].filter((c) => c !== undefined) };
  // The tracks an activity starts, and what it tells a matter, continue the activity's trace.
  const client = new Client({ connection, namespace: settings.namespace, dataConverter, interceptors: { workflow: tracingClientInterceptors() } });
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: opts.workflowBundle ?? (await workflowBundle()),
    activities: activitiesFrom(app, client, settings.workflowTaskTimeoutMs),
    dataConverter,
    ...workerTracing(opts.tracing),
    ...workerTuning(),
  });
}

/**
 * For a worker that traces, Temporal's OpenTelemetry activity interceptors: each activity (local ones too) runs in a
 * span that continues the workflow's trace from its headers. Every worker gets the sink the bundled workflow
 * interceptors send their spans to, which drops them when it does not trace (bundle.ts says why they are always there).
 */
export function workerTracing(tracing: Tracing | undefined): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return {
    ...(tracing ? { interceptors: { activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })] } } : {}),
    sinks: workflowSpanSink(tracing),
  };
}

/**
 * The workflow code the worker runs: the prebuilt bundle `npm run build` wrote when WORKFLOW_BUNDLE_PATH names it
 * (the image: Temporal's recommended production set-up, every replica on the same code, no webpack at start), else
 * bundled from source at start (`npm start`, the tests).
 */
export async function workflowBundle(env: NodeJS.ProcessEnv = process.env): Promise<WorkflowBundleOption> {
  const codePath = setting('WORKFLOW_BUNDLE_PATH', env);
  return codePath ? { codePath } : bundleWorkflows(Runtime.instance().logger);
}

/**
 * How many workflows the worker keeps in memory between their tasks. The SDK's default follows the heap limit
 * (about 2,300 on a 4 GB heap) and each cached matter or subject holds its sandbox state: at 2,000 open matters
 * the worker held 1.16 GB with that default and 638 MB with 500. A matter acts days apart, so a bounded cache
 * costs little; one no longer cached is replayed from its history on its next task. WORKER_MAX_CACHED_WORKFLOWS
 * changes it.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = VARIABLES.WORKER_MAX_CACHED_WORKFLOWS.default;

/**
 * How long a workflow task waits for this worker (its sticky queue) before any worker may take it: 3 s, not the
 * SDK's 10 s. A worker that is killed cannot hand its workflows back, so a timer that falls due while it is down
 * waits this long from falling due, even after a new worker is up; with 10 s a timer due just before the
 * supervisor's restart fired up to 10 s after it. The price is on an overloaded worker: a task it has not begun
 * within 3 s goes to the shared queue (two more history events, and a replay if another worker takes it).
 * WORKER_STICKY_QUEUE_TIMEOUT_MS changes it.
 */
export const DEFAULT_STICKY_QUEUE_TIMEOUT_MS = VARIABLES.WORKER_STICKY_QUEUE_TIMEOUT_MS.default;

export function workerTuning(env: NodeJS.ProcessEnv = process.env): { maxCachedWorkflows: number; stickyQueueScheduleToStartTimeout: number } {
  return {
    maxCachedWorkflows: setting('WORKER_MAX_CACHED_WORKFLOWS', env),
    stickyQueueScheduleToStartTimeout: setting('WORKER_STICKY_QUEUE_TIMEOUT_MS', env),
  };
}
