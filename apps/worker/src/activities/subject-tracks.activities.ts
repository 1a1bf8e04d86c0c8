import { Client, WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import { subjectClosed, type SubjectNews, type SubjectTrackActivities, type SubjectTrackStart } from '@conduct/workflows';

/**
 * Starts the subjects' tracks for a matter, and tells a matter what became of a track. A track whose workflow id
 * was ever used is not started again (REJECT_DUPLICATE): a retried start, after a worker crash, finds the track
 * its first attempt started.
 */
export class SubjectTracksActivitiesService implements SubjectTrackActivities {
  constructor(
    private readonly client: Client,
    /** TemporalSettings.workflowTaskTimeoutMs: the tracks are started as the API starts matters. */
    private readonly workflowTaskTimeoutMs?: number,
  ) {}

  async startSubjectTracks(starts: SubjectTrackStart[]): Promise<void> {
    await Promise.all(
      starts.map(async ({ workflowId, taskQueue, input }) => {
        try {
          await this.client.workflow.start('officerProceedings', { workflowId, taskQueue, args: [input], workflowTaskTimeout: this.workflowTaskTimeoutMs, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
        } catch (err) {
          if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        }
      }),
    );
  }

  async tellMatter({ matterWorkflowId, ...news }: SubjectNews): Promise<void> {
    try {
      await this.client.workflow.getHandle(matterWorkflowId).signal(subjectClosed, news);
    } catch (err) {
      // The matter's workflow was terminated by an administrator: nothing is waiting to hear.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }
}
