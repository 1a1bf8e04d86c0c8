import { ConflictException, HttpException, NotFoundException } from '@nestjs/common';
import { ApplicationFailure, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { RULE_VIOLATION } from '@conduct/workflows';

/** Turns Temporal's answers into HTTP: a refused decision is a 409 naming the rule and its regulation. */
export function toHttpError(err: unknown, what: string): unknown {
  if (err instanceof HttpException) return err;
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === RULE_VIOLATION) {
      const [detail] = (cause.details ?? []) as { rule?: string; regulation?: string | null }[];
      return new ConflictException({ statusCode: 409, error: 'Conflict', message: cause.message, rule: detail?.rule ?? null, regulation: detail?.regulation ?? null });
    }
  }
  if (isCompleted(err)) return new ConflictException({ message: `${what} is closed: nothing more can be recorded on it`, rule: 'workflow-open' });
  if (err instanceof WorkflowNotFoundError || (err as { name?: string })?.name === 'WorkflowNotFoundError') return new NotFoundException(`${what} not found`);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new ConflictException({ message: `${what} already exists`, rule: 'reference-unique' });
  return err;
}

function isCompleted(err: unknown): boolean {
  const msg = (err as Error)?.message ?? '';
  return /workflow execution already completed|already completed/i.test(msg);
}
