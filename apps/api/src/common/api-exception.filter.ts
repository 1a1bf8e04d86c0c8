import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { logLine } from '@conduct/logging';
import { RetryLaterException, toHttpError, toHttpErrorFromDatabase } from './temporal-errors';

interface Res {
  headersSent: boolean;
  locals?: Record<string, unknown>;
  status(code: number): Res;
  setHeader(name: string, value: string): unknown;
  getHeader(name: string): unknown;
  json(body: unknown): unknown;
  end(): unknown;
}

/**
 * Every error's answer. HttpExceptions as Nest answers them, plus `Retry-After` on a 503/504 the caller can
 * retry; PostgreSQL or Temporal out of reach (wherever it surfaced) as a 503 naming the part that is down;
 * a request-level error raised before routing (body too large, unreadable JSON, wrong charset) with its own
 * 4xx. Only a genuine fault is a 500, and it says which request id the log holds it under.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Res>();
    if (res.headersSent) return void res.end();
    const [status, body, code] = answer(exception, String(res.getHeader('x-request-id') ?? ''));
    if (exception instanceof RetryLaterException || (body as { retryAfterSeconds?: unknown }).retryAfterSeconds !== undefined) {
      res.setHeader('Retry-After', String((body as { retryAfterSeconds: number }).retryAfterSeconds));
    }
    if (res.locals) res.locals.errorCode = code;
    res.status(status).json(body);
  }
}

/** The status, the body and a short code for the request log. */
export function answer(exception: unknown, requestId: string): [number, unknown, string | undefined] {
  let mapped = toHttpErrorFromDatabase(exception);
  if (!(mapped instanceof HttpException)) mapped = toHttpError(mapped, { what: 'the request', command: false });
  if (mapped instanceof HttpException) {
    const status = mapped.getStatus();
    const r = mapped.getResponse();
    const body = typeof r === 'string' ? { statusCode: status, message: r } : r;
    return [status, body, (body as { code?: string }).code ?? (status >= 500 ? 'error' : undefined)];
  }
  // body-parser and its kind: { status, expose, type, message }, raised before the request reached a route.
  const e = mapped as { status?: unknown; statusCode?: unknown; expose?: unknown; message?: unknown; type?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    return [status, { statusCode: status, message: e.expose !== false && typeof e.message === 'string' ? e.message : 'the request could not be read' }, typeof e.type === 'string' ? e.type : undefined];
  }
  logLine('api', 'error', 'request failed on an unexpected error', { requestId, error: exception instanceof Error ? exception : String(exception) });
  return [500, { statusCode: 500, error: 'Internal Server Error', code: 'unexpected', message: `An unexpected error: it is logged under request id ${requestId}`, requestId }, 'unexpected'];
}
