import { randomUUID } from 'crypto';
import { setting } from '@conduct/config';

interface Req {
  method: string;
  originalUrl?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  user?: { id: string; role: string; forceId: string };
}
interface Res {
  statusCode: number;
  /** The error filter's short code for what went wrong (`workflow-timeout`, `temporal-unreachable`, …). */
  locals?: { errorCode?: string };
  setHeader(name: string, value: string): unknown;
  on(event: 'finish', fn: () => void): unknown;
}

/**
 * A confidential report's reference is not logged: with the time of each visit it would tell when its reporter came
 * back, which can be matched against who was at a keyboard. The rest of the path stays, for the route.
 */
export function loggedPath(path: string): string {
  return path.replace(/^\/confidential-reports\/[^/]+/, '/confidential-reports/:reference');
}

/** A request id a caller may give (X-Request-Id): 1 to 64 letters, digits, dots, dashes or underscores. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id, when it is one (what the request log writes and audit lines name), else null. */
export function requestIdOf(req: { headers: Record<string, string | string[] | undefined> }): string | null {
  const id = req.headers['x-request-id'];
  return typeof id === 'string' && REQUEST_ID.test(id) ? id : null;
}

/**
 * One JSON line per request, with a request id (the caller's X-Request-Id, or a new one, echoed back).
 * Paths and ids only: no bodies, no names, nothing personal.
 */
export function requestLog(req: Req, res: Res, next: () => void): void {
  const requestId = requestIdOf(req) ?? randomUUID();
  res.setHeader('x-request-id', requestId);
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    if (setting('REQUEST_LOG') === 'off') return;
    process.stdout.write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: res.statusCode >= 500 ? 'error' : 'info',
        service: 'api',
        requestId,
        method: req.method,
        path: loggedPath((req.originalUrl ?? req.url).split('?')[0]),
        status: res.statusCode,
        error: res.statusCode >= 400 ? res.locals?.errorCode : undefined,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        user: req.user ? { id: req.user.id, role: req.user.role, force: req.user.forceId } : undefined,
      }) + '\n',
    );
  });
  next();
}
