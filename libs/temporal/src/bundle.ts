import * as path from 'path';
import { bundleWorkflowCode, Logger, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** The file whose exports are the workflow functions the worker runs. */
export const workflowsPath = path.join(workspaceRoot, 'workflows/src/workflows.ts');

/**
 * Temporal's OpenTelemetry workflow interceptors: a span for the workflow's run and for each update, signal and
 * activity it handles or schedules, continuing the caller's trace from the headers; the spans leave the sandbox
 * through the worker's `exporter` sink (`workflowSpanSink`), which drops them when the worker does not trace.
 * Always bundled, whether the worker traces or not: they change when an update's completion is sent relative to the
 * commands around it, so a history written with them fails to replay without them (and the other way round), and
 * every worker must run the same code. Histories written before them replay unchanged: the SDK turns their update
 * spans on only in workflow tasks recorded with its `OpenTelemetryInterceptorsInstrumentsAllMethods` flag.
 */
export const TRACING_WORKFLOW_INTERCEPTORS = require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors');

/**
 * Bundles the workflow code, with the tracing interceptors (`tracingInterceptors: false`: the code as released before
 * them, for the test that upgrades a running matter). The SDK's webpack ignores tsconfig paths, so workflow code could not
 * import `@conduct/domain` by name; this is the one place that teaches it to.
 */
export function bundleWorkflows(logger?: Logger, { tracingInterceptors = true }: { tracingInterceptors?: boolean } = {}): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger,
    workflowInterceptorModules: tracingInterceptors ? [TRACING_WORKFLOW_INTERCEPTORS] : [],
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

