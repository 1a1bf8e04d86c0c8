import type { Deadline, DeadlineRequest, MatterSnapshot, RecordChange, RecommendationSnapshot, SubjectSnapshot } from './types';

/** What the workflows ask the worker to do. Implemented by Nest providers in apps/worker. */
export interface ProceedingsActivities {
  /** Projection, audit lines and outgoing messages, in one transaction; a retry writes nothing twice. */
  recordMatterChange(change: RecordChange<MatterSnapshot>): Promise<void>;
  recordSubjectChange(change: RecordChange<SubjectSnapshot>): Promise<void>;
  recordRecommendationChange(change: RecommendationSnapshot & { audit: RecordChange<unknown>['audit']; outbox: RecordChange<unknown>['outbox'] }): Promise<void>;
}

/** Run as local activities: calendar arithmetic whose results are stored, so a deadline never moves on replay. */
export interface CalendarActivities {
  computeDeadlines(requests: DeadlineRequest[]): Promise<Deadline[]>;
}
