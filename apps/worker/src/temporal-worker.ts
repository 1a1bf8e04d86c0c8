import { INestApplicationContext } from '@nestjs/common';
import { NativeConnection, Runtime, Worker, WorkflowBundleOption } from '@temporalio/worker';
import { TemporalSettings, bundleWorkflows, encryptionCodecFromEnv } from '@conduct/temporal/worker';
import { CalendarActivitiesService } from './activities/calendar.activities';
import { RecordChangeActivities } from './activities/record-change.activities';

/** The activities the workflows call, bound from the Nest providers that implement them. */
export function activitiesFrom(app: INestApplicationContext): Record<string, (...args: never[]) => Promise<unknown>> {
  const record = app.get(RecordChangeActivities);
  const calendar = app.get(CalendarActivitiesService);
  return {
    recordMatterChange: record.recordMatterChange.bind(record),
    recordSubjectChange: record.recordSubjectChange.bind(record),
    recordRecommendationChange: record.recordRecommendationChange.bind(record),
    computeDeadlines: calendar.computeDeadlines.bind(calendar),
  };
}

export async function createConductWorker(
  app: INestApplicationContext,
  settings: TemporalSettings,
  opts: { connection?: NativeConnection; workflowBundle?: WorkflowBundleOption } = {},
): Promise<Worker> {
  const connection = opts.connection ?? (await NativeConnection.connect({ address: settings.address }));
  return Worker.create({
    connection,
    namespace: settings.namespace,
    taskQueue: settings.taskQueue,
    workflowBundle: opts.workflowBundle ?? (await bundleWorkflows(Runtime.instance().logger)),
    activities: activitiesFrom(app),
    dataConverter: { payloadCodecs: [encryptionCodecFromEnv()].filter((c) => c !== undefined) },
  });
}
