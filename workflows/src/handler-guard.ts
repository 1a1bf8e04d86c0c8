import { ApplicationFailure, TemporalFailure, patched } from '@temporalio/workflow';
import { refuse } from './refusal';

/** The ApplicationFailure type an update fails with when its handler met an error nobody foresaw (a bug). */
export const UNEXPECTED_FAILURE = 'UnexpectedHandlerFailure';

/**
 * From this patch on, a handler checks its command again, against the state it is about to change:
 * the validator ran when the update was accepted, and an update accepted at the same time may have
 * changed the state since (updates are applied one at a time, in `Serial`). Behind `patched()` because
 * a refusal here emits no commands where the old code emitted the step's: a running workflow that
 * recorded such a step still replays. Costs one marker event per run of a workflow.
 */
export const REVALIDATE_IN_HANDLER = 'handler-revalidates-its-command';

/**
 * Runs an update handler so that it can only be answered: accepted, or refused with an
 * ApplicationFailure. Never a plain error, which would fail the workflow task and have Temporal
 * retry it for ever (a wedged workflow: every later command waits behind it).
 *
 * - `validate` is the update's own validator, run again at the moment the handler acts (see
 *   REVALIDATE_IN_HANDLER): a command made stale by one applied before it is refused, naming the rule.
 * - `keep` snapshots the workflow's state and returns what restores it: a handler that fails half-way
 *   (an activity failed, a bug threw) leaves the state as it was, not half-changed.
 * - Any error that is not already a Temporal failure becomes a non-retryable ApplicationFailure of type
 *   UNEXPECTED_FAILURE, so the update fails and the workflow goes on. Recorded histories are not
 *   affected: such an error failed the workflow task, and a failed task leaves no commands in history.
 */
export async function guardedHandler<R>(validate: () => void, keep: () => () => void, handle: () => Promise<R>): Promise<R> {
  if (patched(REVALIDATE_IN_HANDLER)) validate();
  const restore = keep();
  try {
    return await handle();
  } catch (err) {
    restore();
    throw asUpdateFailure(err);
  }
}

/**
 * Wraps a validator so that a malformed command (a field of the wrong type that a check trips over)
 * is refused as a RuleViolation naming the rule 'command-well-formed', not as a bare TypeError.
 * Validators write nothing to history, so this changes no recorded history.
 */
export function guardedValidator<A extends unknown[]>(validate: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      validate(...args);
    } catch (err) {
      if (err instanceof TemporalFailure) throw err;
      refuse({ rule: 'command-well-formed', regulation: null, reason: `the command is malformed: ${(err as Error)?.message ?? String(err)}` });
    }
  };
}

export function asUpdateFailure(err: unknown): TemporalFailure {
  if (err instanceof TemporalFailure) return err;
  return ApplicationFailure.create({
    type: UNEXPECTED_FAILURE,
    message: `the command could not be applied: ${(err as Error)?.message ?? String(err)}`,
    nonRetryable: true,
    cause: err instanceof Error ? err : undefined,
  });
}

/** A deep copy of plain workflow state (it crosses continue-as-new as JSON, so JSON is all it is). */
export function snapshotOf<T extends object>(state: T): () => void {
  const copy = JSON.stringify(state);
  return () => {
    for (const key of Object.keys(state)) delete (state as Record<string, unknown>)[key];
    Object.assign(state, JSON.parse(copy));
  };
}
