import type { UpdateDefinition } from '@temporalio/client';
import type { CommandBase } from '@conduct/workflows';
import type { TemporalClientProvider } from './temporal-client.provider';

/**
 * The one path from the API to a workflow's update: the update's definition (workflows/src/messages.ts) fixes
 * the command it takes and the view it answers, so a wrong command does not compile. A command sent again with
 * the same Idempotency-Key (its commandId) joins the same Temporal update, so a retry after a lost answer waits
 * for the first attempt instead of racing it.
 */
export function executeCommand<R, C extends CommandBase>(temporal: TemporalClientProvider, what: string, workflowId: string, def: UpdateDefinition<R, [C]>, cmd: C): Promise<R> {
  const updateId = cmd.commandId || undefined;
  return temporal.call({ what, command: true, idempotencyKey: updateId }, (client) => client.workflow.getHandle(workflowId).executeUpdate(def, { args: [cmd], updateId }));
}
