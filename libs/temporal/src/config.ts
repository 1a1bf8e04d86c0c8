import { VARIABLES, setting } from '@conduct/config';

/** Where the engine finds Temporal. The same variables are used by npm start, the tests and docker-compose. */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /**
   * How long Temporal waits for a worker to finish a workflow task it has taken before handing it to another:
   * 5 s, not Temporal's 10 s. A worker killed mid-task cannot say so, and everything the workflow owes (a timer
   * that fell due, the update in flight) waits out this timeout, even after a new worker is up: with 10 s, a
   * timer fell due up to 5 s after a restart that took 5 s. The engine's tasks take milliseconds; a local
   * activity that runs longer is kept alive by the worker's heartbeats, so a short timeout costs nothing.
   * Set on the workflows started from now on (a running one keeps what it was started with).
   */
  workflowTaskTimeoutMs: number;
}

// Declared, with its bounds (Temporal refuses under 1 s or over 120 s), in libs/config: 5 s.
export const DEFAULT_WORKFLOW_TASK_TIMEOUT_MS = VARIABLES.TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS.default;

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  return {
    address: setting('TEMPORAL_ADDRESS', env),
    namespace: setting('TEMPORAL_NAMESPACE', env),
    taskQueue: setting('TEMPORAL_TASK_QUEUE', env),
    workflowTaskTimeoutMs: setting('TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS', env),
  };
}
