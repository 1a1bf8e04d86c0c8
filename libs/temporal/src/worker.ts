/** Worker-side only (pulls in webpack through the SDK's bundler): not for the API. */
export * from './config';
export * from './connection';
export { TRACING_WORKFLOW_INTERCEPTORS, bundleWorkflows, workflowsPath } from './bundle';
export * from './workflow-spans';
export * from './codec';
export * from './tracing';
