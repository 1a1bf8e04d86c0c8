import { ArgumentsHost, Catch, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

export type Server = 'PostgreSQL' | 'Temporal';

/** gRPC: UNAVAILABLE (the server is gone or restarting) and DEADLINE_EXCEEDED (it did not answer in time). */
const GRPC_UNAVAILABLE = new Set([14, 4]);
/**
 * PostgreSQL not there, restarting or recovering: the connection refused or cut, SQLSTATE class 08
 * (connection exception), 57P01–57P03 (shut down by the administrator, crash shutdown, cannot connect now).
 */
const PG_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const PG_UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;

/**
 * Which server an error says is unavailable, or null when it says something else (a bad query, a refused
 * decision): those keep their own answer. Follows the error's causes (Temporal's ServiceError wraps the gRPC
 * error, TypeORM's QueryFailedError the driver's).
 */
export function unavailableServer(err: unknown): Server | null {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof HttpException) return null;
    const name = typeof e.name === 'string' ? e.name : '';
    if (name === 'WorkflowUpdateRPCTimeoutOrCancelledError') return 'Temporal';
    if (typeof e.code === 'number' && GRPC_UNAVAILABLE.has(e.code) && ('details' in e || 'metadata' in e)) return 'Temporal';
    if (/Failed to connect before the deadline/.test(String(e.message ?? ''))) return 'Temporal';
    if (typeof e.code === 'string' && PG_UNAVAILABLE.has(e.code)) return 'PostgreSQL';
    if (PG_UNAVAILABLE_MESSAGE.test(String(e.message ?? ''))) return 'PostgreSQL';
    e = (e.driverError ?? e.cause) as Record<string, unknown> | undefined;
  }
  return null;
}

/** 503 naming the server, with Retry-After: the caller may send the same command again with its Idempotency-Key. */
export function serverUnavailable(server: Server): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    message: `${server} is unavailable: try again shortly (a command with the same Idempotency-Key is applied once)`,
    unavailable: server,
  });
}

export const RETRY_AFTER_SECONDS = 2;

/**
 * Answers 503 (not 500) for any request that failed because PostgreSQL or Temporal is down or restarting;
 * everything else goes to Nest's own handling.
 */
@Catch()
export class ServerUnavailableFilter extends BaseExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const server = exception instanceof ServiceUnavailableException ? (exception.getResponse() as { unavailable?: Server }).unavailable : unavailableServer(exception);
    if (server && host.getType() === 'http') {
      const res = host.switchToHttp().getResponse<{ setHeader(name: string, value: string): void; status(code: number): { json(body: unknown): void } }>();
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json(serverUnavailable(server).getResponse());
      return;
    }
    super.catch(exception, host);
  }
}
