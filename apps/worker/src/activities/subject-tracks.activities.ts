import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import type { SubjectTrackActivities, SubjectTrackStart } from '@conduct/workflows';

/**
 * Starts the subjects' tracks for a matter. A track whose workflow id was ever used is not started again
 * (REJECT_DUPLICATE): a retried start, after a worker crash, finds the track its first attempt started.
 */
export class SubjectTracksActivitiesService implements SubjectTrackActivities {
  constructor(private readonly client: Client) {}

  async startSubjectTracks(starts: SubjectTrackStart[]): Promise<void> {
    await Promise.all(
      starts.map(async ({ workflowId, taskQueue, input }) => {
        try {
          await this.client.workflow.start('officerProceedings', { workflowId, taskQueue, args: [input], workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      }),
    );
  }
}
