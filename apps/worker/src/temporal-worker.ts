import { INestApplicationContext } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { NativeConnection, Runtime, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { TemporalSettings, bundleWorkflows, encryptionCodecFromEnv } from '@conduct/temporal/worker';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { RecordChangeActivities } from './activities/record-change.activities';
import { SubjectTracksActivitiesService } from './activities/subject-tracks.activities';

/**
 * The activities the workflows call, bound from the Nest providers that implement them; starting a subject's
 * track and telling its matter need a Temporal client on the worker's own connection.
 */
export function activitiesFrom(app: INestApplicationContext, client: Client): Record<string, (...args: never[]) => Promise<unknown>> {
  const record = app.get(RecordChangeActivities);
  const calendar = app.get(CalendarActivitiesService);
  const tracks = new SubjectTracksActivitiesService(client);
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
  opts: { connection?: NativeConnection; workflowBundle?: WorkflowBundleOption } = {},
): Promise<Worker> {
  const connection = opts.connection ?? (await NativeConnection.connect({ address: settings.address }));
  // The tracks the worker starts are encrypted like everything else it writes.
  const dataConverter = { payloadCodecs: [encryptionCodecFromEnv()].filter((c) => c !== undefined) };
  const client = new Client({ connection, namespace: settings.namespace, dataConverter });
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows(Runtime.instance().logger)),
    activities: activitiesFrom(app, client),
    dataConverter,
    ...workerTuning(),
  });
}

/**
 * How many workflows the worker keeps in memory between their tasks. The SDK's default follows the heap limit
 * (about 2,300 on a 4 GB heap) and each cached matter or subject holds its sandbox state: at 2,000 open matters
 * the worker held 1.16 GB with that default and 638 MB with 500. A matter acts days apart, so a bounded cache
 * costs little; one no longer cached is replayed from its history on its next task. WORKER_MAX_CACHED_WORKFLOWS
 * changes it.
 */
export const DEFAULT_MAX_CACHED_WORKFLOWS = 1_000;

export function workerTuning(env: NodeJS.ProcessEnv = process.env): { maxCachedWorkflows: number } {
  const cached = env.WORKER_MAX_CACHED_WORKFLOWS;
  if (cached === undefined || cached === '') return { maxCachedWorkflows: DEFAULT_MAX_CACHED_WORKFLOWS };
  const n = Number(cached);
  if (!Number.isInteger(n) || n < 0) throw new Error(`WORKER_MAX_CACHED_WORKFLOWS: expected a whole number, got '${cached}'`);
  return { maxCachedWorkflows: n };
}
