/** Worker-side only (pulls in webpack through the SDK's bundler): not for the API. */
export * from './config';
export { bundleWorkflows, workflowsPath } from './bundle';
export * from './codec';
