import type { LocalActivityOptions } from '@temporalio/workflow';
import type { IsoDate } from '@conduct/domain';
import type { Deadline, DeadlineRequest, MatterSnapshot, RecordChange, RecommendationSnapshot, SubjectInput, SubjectSnapshot } from './types';

/** What the workflows ask the worker to do. Implemented by Nest providers in apps/worker. */
export interface ProceedingsActivities {
  /** Projection, audit lines and outgoing messages, in one transaction; a retry writes nothing twice. */
  recordMatterChange(change: RecordChange<MatterSnapshot>): Promise<void>;
  recordSubjectChange(change: RecordChange<SubjectSnapshot>): Promise<void>;
  recordRecommendationChange(change: RecommendationSnapshot & { audit: RecordChange<unknown>['audit']; outbox: RecordChange<unknown>['outbox'] }): Promise<void>;
}

/**
 * The record-change activities run as local activities: a step is then one workflow task and a
 * marker, not three activity events and a second workflow task. They are at-least-once like any
 * activity (every write is keyed by revision or idempotency key). No schedule-to-close limit: while
 * PostgreSQL is down they retry without end, the first three attempts in the worker (backoff up to
 * localRetryThreshold), then one attempt per server timer, at most 5 minutes apart. Each of those
 * costs a marker, a timer and a workflow task (6 events), so an outage of a day adds about 1,750
 * events to the waiting workflow: a change is never lost and the workflow never fails for it.
 */
export const RECORD_CHANGE_OPTIONS: LocalActivityOptions = {
  startToCloseTimeout: '30 seconds',
  localRetryThreshold: '5 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
};

/** Run as local activities: calendar arithmetic whose results are stored, so a deadline never moves on replay. */
export interface CalendarActivities {
  computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]>;
}

/** A subject's track to start, on the matter's task queue. */
export interface SubjectTrackStart {
  workflowId: string;
  taskQueue: string;
  input: SubjectInput;
}

/** What a subject's track tells its matter: the track is closed, and later, finished. */
export interface SubjectNews {
  matterWorkflowId: string;
  subjectId: string;
  outcome: string | null;
  closedBecause: string | null;
  /** The day the track closed, as it happened (a back-dated step's own day): the matter's series end there. */
  closedOn?: IsoDate | null;
  finished: boolean;
}

/**
 * Starts each subject's track as a workflow of its own, not a child of the matter: the matter hears of a track
 * only by its signals, its history carries no child events, and Temporal's time-skipping test server, which
 * stalls with hundreds of child workflows, can run a thousand matters. Starting one already started is not an
 * error: a retried start finds its own first attempt.
 *
 * A track tells its matter through a local activity too: one marker in the step that closed it, where a
 * signal command costs the track two events and a workflow task of its own. At least once, like a signal
 * retried; the matter's handler takes the same news twice as once.
 */
export interface SubjectTrackActivities {
  startSubjectTracks(starts: SubjectTrackStart[]): Promise<void>;
  tellMatter(news: SubjectNews): Promise<void>;
}
