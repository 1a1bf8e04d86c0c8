import { CanActivate, ExecutionContext, ForbiddenException, HttpException, HttpStatus, Injectable, createParamDecorator } from '@nestjs/common';
import { StaffRegister } from '../../allocation/staff-register';
import { RateLimits, tooMany } from '../../common/rate-limit';
import { csrfTokenMatches, sessionTokenOf, WebSession, WebSessions, WebUser } from './web-sessions';

/** Thrown to send the browser elsewhere (the web error filter answers 303 See Other). */
export class RedirectTo extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/** A form whose CSRF token is not its session's: refused, and nothing recorded. */
export class FormExpired extends ForbiddenException {
  constructor() {
    super('This form has expired or did not come from this service. Go back, reload the page and try again.');
  }
}

/** Only relative paths of this service: never an open redirect. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

/**
 * Every page behind it needs a signed-in session: without one, the browser goes to sign in and comes back. It puts
 * the session on the request, and the caller where the API's services expect it (req.user), so a page calls the same
 * services, with the same permission checks, as the API. A form (POST) must carry its session's CSRF token.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(
    private readonly sessions: WebSessions,
    private readonly limits: RateLimits,
    private readonly staff: StaffRegister,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const token = sessionTokenOf(req.headers.cookie);
    const session = await this.sessions.find(token);
    if (token && !session) {
      // A session cookie that names no session counts as a request without one (the rate-limit middleware let it by).
      const taken = this.limits.take('token-less', req.ip);
      if (!taken.allowed) throw new HttpException(tooMany('token-less', taken.retryAfterSeconds), HttpStatus.TOO_MANY_REQUESTS);
    }
    if (!session?.user) throw new RedirectTo(`/sign-in?returnTo=${encodeURIComponent(req.method === 'GET' ? req.originalUrl : '/')}`);
    if (req.method === 'POST' && !csrfTokenMatches(session, req.body?._csrf)) throw new FormExpired();
    req.webSession = session;
    req.user = session.user;
    await this.staff.seen(session.user);
    return true;
  }
}

/** The signed-in person (after SignedInGuard). */
export const SignedInUser = createParamDecorator((_: unknown, ctx: ExecutionContext): WebUser => ctx.switchToHttp().getRequest().webSession.user);
/** The session (after SignedInGuard). */
export const CurrentSession = createParamDecorator((_: unknown, ctx: ExecutionContext): WebSession => ctx.switchToHttp().getRequest().webSession);
