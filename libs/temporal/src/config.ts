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

export const DEFAULT_WORKFLOW_TASK_TIMEOUT_MS = 5_000;

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  return {
    address: env.TEMPORAL_ADDRESS ?? 'localhost:7233',
    namespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'misconduct-proceedings',
    workflowTaskTimeoutMs: milliseconds(env, 'TEMPORAL_WORKFLOW_TASK_TIMEOUT_MS', DEFAULT_WORKFLOW_TASK_TIMEOUT_MS),
  };
}

function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const given = env[name];
  if (given === undefined || given === '') return fallback;
  const n = Number(given);
  // Temporal refuses a workflow task timeout under 1 s or over 120 s.
  if (!Number.isInteger(n) || n < 1_000 || n > 120_000) throw new Error(`${name}: expected whole milliseconds from 1000 to 120000, got '${given}'`);
  return n;
}
