import { setting } from '@conduct/config';
import { sessionTokenOf } from '../web/session/web-sessions';

/**
 * Rate limits on what answers without a token. A small fixed-window counter per client address, in this process,
 * as Express middleware rather than @nestjs/throttler: the OpenAPI documents (/docs) are served by Swagger's
 * own Express handlers, which Nest's guards never see. Requests that carry a bearer token are not counted: they are
 * checked by the token's signature (no I/O), and a department's callers must never be slowed by a limit meant
 * for strangers; but a token that fails the check counts as token-less (there is no sign-in endpoint: guessing
 * tokens is its nearest kin), and past the limit is answered 429 rather than 401. Behind several API processes
 * each counts its own; the proxy in front is the first line.
 */

/** What answers without a token (the routes marked @Public(), Swagger's documents, and Prometheus's scrape). */
export const PUBLIC_PATHS = ['/health', '/rules', '/docs', '/metrics', '/assets'] as const;
export const RATE_LIMITED = ['public', 'token-less'] as const;
export type RateLimited = (typeof RATE_LIMITED)[number];

/**
 * What a confidential reporter uses without an account: counted as token-less whatever cookie the browser sends (a
 * session of the case-working interface must not lift the limit here). The department's calls carry a bearer token.
 * The counters key on the address in memory only, for one window: nothing of it is stored or logged.
 */
export const REPORTER_PATHS = ['/confidential-reporting', '/confidential-reports'] as const;

/**
 * A web page with a session cookie is not counted here, as a bearer token is not: the session is looked up by the
 * page's guard, which counts one that does not exist as token-less (apps/api/src/web/session/signed-in.guard.ts).
 */
export function rateLimitedAs(path: string, authorization: string | undefined, hasSessionCookie = false): RateLimited | null {
  if (PUBLIC_PATHS.some((p) => path === p || path.startsWith(`${p}/`) || path.startsWith(`${p}-`))) return 'public';
  if (REPORTER_PATHS.some((p) => path === p || path.startsWith(`${p}/`)) && !authorization?.startsWith('Bearer ')) return 'token-less';
  return authorization?.startsWith('Bearer ') || hasSessionCookie ? null : 'token-less';
}

/** Up to `limit` requests per key in each window; the window starts with a key's first request. */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; refused, with the whole seconds until the key's window ends, past the limit. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      // Forget ended windows now and then, so addresses seen once do not pile up.
      if (this.windows.size >= 10_000) for (const [k, old] of this.windows) if (old.endsAt <= now) this.windows.delete(k);
      w = { count: 0, endsAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    if (w.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.endsAt - now) / 1000)) };
  }
}

interface Req {
  ip?: string;
  method: string;
  path?: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  locals?: Record<string, unknown>;
  setHeader(name: string, value: string): void;
  status(code: number): Res;
  json(body: unknown): unknown;
}

export const tooMany = (kind: RateLimited, retryAfterSeconds: number) => ({
  statusCode: 429,
  error: 'Too Many Requests',
  code: 'rate-limited',
  message: `too many ${kind} requests from this address: try again in ${retryAfterSeconds} s`,
});

/**
 * The API process's counters, with the limits of RATE_LIMIT_PUBLIC and RATE_LIMIT_TOKENLESS per
 * RATE_LIMIT_WINDOW_MS: the middleware counts requests; the auth guard counts tokens that fail its check.
 */
export class RateLimits {
  private readonly counters: Record<RateLimited, FixedWindowCounter>;

  constructor(env: NodeJS.ProcessEnv = process.env, now: () => number = Date.now) {
    const windowMs = setting('RATE_LIMIT_WINDOW_MS', env);
    this.counters = {
      public: new FixedWindowCounter(setting('RATE_LIMIT_PUBLIC', env), windowMs, now),
      'token-less': new FixedWindowCounter(setting('RATE_LIMIT_TOKENLESS', env), windowMs, now),
    };
  }

  take(kind: RateLimited, address: string | undefined) {
    return this.counters[kind].take(address ?? 'unknown');
  }

  readonly middleware = (req: Req, res: Res, next: () => void): void => {
    // A browser's CORS preflight (the Temporal Web UI's, before each codec call) carries no token by design.
    if (req.method === 'OPTIONS') return next();
    const authorization = req.headers.authorization;
    const cookie = req.headers.cookie;
    const kind = rateLimitedAs(req.path ?? req.url.split('?')[0], typeof authorization === 'string' ? authorization : undefined, typeof cookie === 'string' && sessionTokenOf(cookie) !== undefined);
    if (!kind) return next();
    const taken = this.take(kind, req.ip);
    if (taken.allowed) return next();
    if (res.locals) res.locals.errorCode = 'rate-limited';
    res.setHeader('Retry-After', String(taken.retryAfterSeconds));
    res.status(429).json(tooMany(kind, taken.retryAfterSeconds));
  };
}
