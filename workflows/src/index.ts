/** What the API and the worker import from the workflows package: messages, ids and types, never workflow code. */
export * from './messages';
export * from './ids';
export * from './types';
export type { ProceedingsActivities, CalendarActivities, SubjectNews, SubjectTrackActivities, SubjectTrackStart } from './activities';
export { RULE_VIOLATION } from './refusal';
