import { BadRequestException, ConflictException, HttpException, HttpStatus, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import {
  ApplicationFailure,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { RULE_VIOLATION } from '@conduct/workflows';

// gRPC status codes (@grpc/grpc-js `status`), named here so this file needs no gRPC import.
const GRPC = { CANCELLED: 1, INVALID_ARGUMENT: 3, DEADLINE_EXCEEDED: 4, RESOURCE_EXHAUSTED: 8, UNAVAILABLE: 14 } as const;

/** How long a caller should wait before trying again, by what went wrong (the `Retry-After` header, seconds). */
export const RETRY_AFTER_SECONDS = { workflowTimeout: 5, temporalBusy: 5, temporalDown: 10, postgresDown: 10, trackStarting: 1 } as const;

/**
 * A 503 or 504 the caller can act on: it says what to check and carries a `Retry-After` hint, which the
 * exception filter (api-exception.filter.ts) puts in the header. `code` goes to the request log.
 */
export class RetryLaterException extends HttpException {
  constructor(
    status: HttpStatus.SERVICE_UNAVAILABLE | HttpStatus.GATEWAY_TIMEOUT,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super({ statusCode: status, error: status === HttpStatus.GATEWAY_TIMEOUT ? 'Gateway Timeout' : 'Service Unavailable', code, message, retryAfterSeconds }, status);
  }
}

/** What the failed call was doing, for the answer's words. */
export interface CallContext {
  /** "matter X", "subject pc-1 of matter X", "recommendation R". */
  what: string;
  /** A command (may have been applied) or a read. */
  command?: boolean;
  /** The caller's Idempotency-Key, when they sent one. */
  idempotencyKey?: string;
  /** The deadline the API gave the call, in ms, for the message. */
  timeoutMs?: number;
}

/**
 * Turns Temporal's answers into HTTP: a refused decision is a 409 naming the rule and its regulation; a
 * workflow that does not answer in time is a 504 and Temporal out of reach a 503, both with `Retry-After`;
 * anything the SDK says was the request's own fault is a 400. Unknown errors are returned unchanged (the
 * exception filter answers them as a 500 with the request id).
 */
export function toHttpError(err: unknown, what: string | CallContext): unknown {
  const ctx: CallContext = typeof what === 'string' ? { what, command: true } : what;
  if (err instanceof HttpException) return err;
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause;
    if (cause instanceof ApplicationFailure && cause.type === RULE_VIOLATION) {
      const [detail] = (cause.details ?? []) as { rule?: string; regulation?: string | null; ruleSet?: string }[];
      return new ConflictException({
        statusCode: 409, error: 'Conflict', message: cause.message, rule: detail?.rule ?? null, regulation: detail?.regulation ?? null,
        ...(detail?.ruleSet ? { ruleSet: detail.ruleSet } : {}),
      });
    }
    // Not a refusal under a rule: the workflow failed the command. Say so plainly; the audit trail shows what stands.
    return new InternalServerErrorException({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'command-failed-in-workflow',
      message: `${ctx.what}: the workflow failed the command (${(cause as Error | undefined)?.message ?? err.message}); check the matter's audit trail for what was recorded before sending it again`,
    });
  }
  if (isCompleted(err)) return new ConflictException({ message: `${ctx.what} is closed: nothing more can be recorded on it`, rule: 'workflow-open' });
  if (err instanceof WorkflowNotFoundError || (err as { name?: string })?.name === 'WorkflowNotFoundError') return new NotFoundException(`${ctx.what} not found`);
  if (err instanceof WorkflowExecutionAlreadyStartedError) return new ConflictException({ message: `${ctx.what} already exists`, rule: 'reference-unique' });

  const code = grpcCode(err);
  if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || code === GRPC.DEADLINE_EXCEEDED || code === GRPC.CANCELLED) return workflowTimeout(ctx);
  if (code === GRPC.UNAVAILABLE || isConnectionFailure(err)) return temporalUnreachable();
  if (code === GRPC.RESOURCE_EXHAUSTED) {
    return new RetryLaterException(HttpStatus.SERVICE_UNAVAILABLE, 'temporal-busy', 'Temporal is busy (it refused the request as over its rate or capacity limits): try again shortly', RETRY_AFTER_SECONDS.temporalBusy);
  }
  if (code === GRPC.INVALID_ARGUMENT) {
    return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `Temporal refused the request as invalid: ${grpcDetails(err) ?? 'no detail given'}` });
  }
  return err;
}

/** The workflow did not answer within the API's deadline: it may be busy, or its worker not running. */
export function workflowTimeout(ctx: CallContext): RetryLaterException {
  const within = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 100) / 10} s` : ' in time';
  const message = !ctx.command
    ? `${ctx.what}: its workflow did not answer${within} (it may be busy, or its worker not running): try again shortly`
    : ctx.idempotencyKey
      ? `${ctx.what}: the workflow did not answer${within}; the command may still be applied. Retry with the same Idempotency-Key (${ctx.idempotencyKey}): a retry joins the first attempt and is never applied twice`
      : `${ctx.what}: the workflow did not answer${within}; the command may still be applied. Check the matter's audit trail before sending it again, and send an Idempotency-Key with commands so that a retry is safe`;
  return new RetryLaterException(HttpStatus.GATEWAY_TIMEOUT, 'workflow-timeout', message, RETRY_AFTER_SECONDS.workflowTimeout);
}

export function temporalUnreachable(): RetryLaterException {
  return new RetryLaterException(
    HttpStatus.SERVICE_UNAVAILABLE,
    'temporal-unreachable',
    'Temporal (the workflow service) cannot be reached: nothing was recorded. Check that the Temporal server is running (GET /health), then try again',
    RETRY_AFTER_SECONDS.temporalDown,
  );
}

/**
 * PostgreSQL out of reach (connection refused, dropped, timed out, shutting down) is a 503; a value PostgreSQL
 * could not read (SQLSTATE class 22, data exception) came from the request and is a 400. Others are unchanged.
 */
export function toHttpErrorFromDatabase(err: unknown): unknown {
  if (err instanceof HttpException) return err;
  const e = err as { code?: unknown; driverError?: { code?: unknown }; message?: unknown };
  const sqlState = typeof e?.driverError?.code === 'string' ? e.driverError.code : typeof e?.code === 'string' ? e.code : undefined;
  const message = typeof e?.message === 'string' ? e.message : '';
  const down =
    (sqlState && (/^08/.test(sqlState) || ['57P01', '57P02', '57P03', '53300', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(sqlState))) ||
    /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(message);
  if (down) {
    return new RetryLaterException(
      HttpStatus.SERVICE_UNAVAILABLE,
      'postgres-unreachable',
      'PostgreSQL (the projection and audit store) cannot be reached: check that it is running (GET /health), then try again',
      RETRY_AFTER_SECONDS.postgresDown,
    );
  }
  if (sqlState && /^22/.test(sqlState)) return new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'a value in the request could not be read' });
  return err;
}

function grpcCode(err: unknown): number | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'number' && (e instanceof ServiceError || 'details' in (e as object) || 'metadata' in (e as object))) return code;
  }
  return undefined;
}

function grpcDetails(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const details = (e as { details?: unknown }).details;
    if (typeof details === 'string' && details) return details;
  }
  return undefined;
}

/** The first connection to Temporal failed (grpc-js's wait for the channel, or the socket itself). */
function isConnectionFailure(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const msg = (e as Error)?.message ?? '';
    if (/Failed to connect before the deadline|Failed to connect to Temporal server|ECONNREFUSED|No connection established/i.test(msg)) return true;
  }
  return false;
}

function isCompleted(err: unknown): boolean {
  const msg = (err as Error)?.message ?? '';
  return /workflow execution already completed|already completed/i.test(msg);
}
