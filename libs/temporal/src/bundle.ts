import * as path from 'path';
import { bundleWorkflowCode, Logger, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** The file whose exports are the workflow functions the worker runs. */
export const workflowsPath = path.join(workspaceRoot, 'workflows/src/workflows.ts');

/**
 * Temporal's OpenTelemetry workflow interceptors (a span for the workflow's run and for each update, signal and
 * activity it handles or schedules, continuing the caller's trace from the headers; the spans leave the sandbox
 * through the worker's `exporter` sink). Bundled in only when the worker traces: they add headers, never commands.
 */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/**
 * Bundles the workflow code, with the tracing interceptors when `traced`. The SDK's webpack ignores tsconfig paths, so workflow code could not
 * import `@conduct/domain` by name; this is the one place that teaches it to.
 */
export function bundleWorkflows(logger?: Logger, { traced = false }: { traced?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger,
    workflowInterceptorModules: traced ? [TRACING_WORKFLOW_INTERCEPTORS] : [],
    webpackConfigHook: (config) => {
      const resolve = config.resolve ?? {};
      resolve.plugins = [
        ...(resolve.plugins ?? []),
        new TsconfigPathsPlugin({ configFile: path.join(workspaceRoot, 'tsconfig.base.json'), extensions: ['.ts', '.js'] }),
      ];
      config.resolve = resolve;
      return config;
    },
  });
}

/**
 * The prebuilt bundle with the tracing interceptors, written by `npm run build` beside the plain one
 * (`dist/workflow-bundle.js` → `dist/workflow-bundle.traced.js`): a worker that traces loads it instead, so turning
 * traces on needs no rebuild and a worker that does not trace carries none of their cost.
 */
export function tracedBundlePath(codePath: string): string {
  return codePath.replace(/(\.js)?$/, '.traced.js');
}
