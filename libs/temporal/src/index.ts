export * from './config';
export * from './connection';
export { matterWorkflowId, subjectWorkflowId, recommendationWorkflowId } from '@conduct/workflows';
export * from './codec';
export * from './tracing';
