export * from './config';
export { matterWorkflowId, subjectWorkflowId, recommendationWorkflowId } from '@conduct/workflows';
export * from './codec';
export * from './tracing';
