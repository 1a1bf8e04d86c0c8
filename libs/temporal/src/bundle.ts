import * as path from 'path';
import { bundleWorkflowCode, Logger, WorkflowBundleWithSourceMap } from '@temporalio/worker';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';

const workspaceRoot = path.resolve(__dirname, '../../..');

/** The file whose exports are the workflow functions the worker runs. */
export const workflowsPath = path.join(workspaceRoot, 'workflows/src/workflows.ts');

/**
 * Bundles the workflow code. The SDK's webpack ignores tsconfig paths, so workflow code could not
 * import `@conduct/domain` by name; this is the one place that teaches it to.
 */
export function bundleWorkflows(logger?: Logger): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger,
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
