import { Body, Controller, ForbiddenException, Get, HttpException, HttpStatus, NotFoundException, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { cookieOf, type Request, type Response } from '../http';
import { ROLES } from '@conduct/domain';
import { Public } from '../../auth/auth.guard';
import { RateLimits, tooMany } from '../../common/rate-limit';
import { Pages } from '../rendering/pages';
import { WebErrorFilter } from '../web-errors.filter';
import { FormExpired, safeReturnTo } from '../session/signed-in.guard';
import { csrfTokenMatches, expiredSessionCookie, sessionCookie, sessionTokenOf, WebSession, WebSessions } from '../session/web-sessions';
import { checkSignInAnswers, SignInAnswers } from './development-sign-in';
import { SignInMethod } from './sign-in-method';
import { OidcSignIn, PendingSignIn, SignInRefused } from './oidc';
import { sendPage } from '../send-page';

/**
 * Sign-in and sign-out. With an OpenID provider configured the page offers only that; in the embedded default, a
 * development sign-in where you choose a role and a force, marked as such on every page, and refused when OIDC is
 * configured or in production. Each attempt counts against the token-less rate limit.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class SignInController {
  constructor(
    private readonly pages: Pages,
    private readonly sessions: WebSessions,
    private readonly method: SignInMethod,
    private readonly limits: RateLimits,
  ) {}

  @Get('sign-in')
  async show(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string) {
    const session = await this.anonymousSession(req, res);
    this.page(res, session, { returnTo: safeReturnTo(returnTo), values: {}, fieldErrors: {} }, 200);
  }

  @Post('sign-in')
  async signIn(@Req() req: Request, @Res() res: Response, @Body() body: SignInAnswers & { _csrf?: string; returnTo?: string }) {
    this.countAttempt(req, res);
    if (!this.method.developmentAllowed) throw new ForbiddenException(this.method.developmentRefusal);
    const session = await this.sessions.find(sessionTokenOf(cookieOf(req)));
    if (!session || !csrfTokenMatches(session, body._csrf)) throw new FormExpired();
    const checked = checkSignInAnswers(body);
    if (checked.errors) {
      this.page(res, session, { returnTo: safeReturnTo(body.returnTo), values: body, fieldErrors: checked.errors }, 400);
      return;
    }
    // A new session for the signed-in person: the anonymous one is ended, never promoted.
    await this.sessions.end(session);
    const { token } = await this.sessions.create({ ...checked.user, via: 'development' });
    res.setHeader('Set-Cookie', sessionCookie(token));
    res.redirect(303, safeReturnTo(body.returnTo));
  }

  @Post('sign-out')
  async signOut(@Req() req: Request, @Res() res: Response, @Body() body: { _csrf?: string }) {
    const session = await this.sessions.find(sessionTokenOf(cookieOf(req)));
    if (session && !csrfTokenMatches(session, body._csrf)) throw new FormExpired();
    if (session) await this.sessions.end(session);
    res.setHeader('Set-Cookie', expiredSessionCookie());
    res.redirect(303, (await this.method.signedOutLocation(session)) ?? '/sign-in');
  }

  /** To the force's provider: the state, nonce and PKCE verifier stay in this browser's (anonymous) session. */
  @Get('sign-in/oidc')
  async toProvider(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string) {
    this.countAttempt(req, res);
    if (!this.method.settings) throw new NotFoundException('no OpenID provider is configured: use the development sign-in');
    const begun = await (await this.method.oidc()).beginSignIn();
    const { token } = await this.sessions.create(null, { pendingSignIn: { state: begun.state, nonce: begun.nonce, codeVerifier: begun.codeVerifier }, returnTo: safeReturnTo(returnTo) });
    res.setHeader('Set-Cookie', sessionCookie(token));
    res.redirect(303, begun.authorizationUrl.href);
  }

  /** Back from the provider: the code exchanged, the person checked as a bearer token is, and a new session for them. */
  @Get('sign-in/callback')
  async fromProvider(@Req() req: Request, @Res() res: Response) {
    this.countAttempt(req, res);
    if (!this.method.settings) throw new NotFoundException('no OpenID provider is configured');
    const session = await this.sessions.find(sessionTokenOf(cookieOf(req)));
    const pending = session?.data.pendingSignIn as PendingSignIn | undefined;
    if (!session || !pending) {
      this.page(res, session ?? (await this.anonymousSession(req, res)), { returnTo: '/', values: {}, fieldErrors: { signIn: 'Your sign-in took too long or was started in another browser. Sign in again.' } }, 400);
      return;
    }
    let signedIn: Awaited<ReturnType<OidcSignIn['completeSignIn']>>;
    try {
      signedIn = await (await this.method.oidc()).completeSignIn(new URL(req.originalUrl, this.method.settings.redirectUrl), pending);
    } catch (e) {
      if (!(e instanceof SignInRefused)) throw e;
      await this.sessions.end(session);
      const fresh = await this.anonymousSession(req, res, true);
      this.page(res, fresh, { returnTo: '/', values: {}, fieldErrors: { signIn: `You could not be signed in: ${e.message}.` } }, 400);
      return;
    }
    await this.sessions.end(session);
    const { token } = await this.sessions.create({ ...signedIn.user, via: 'oidc' }, { idToken: signedIn.idToken });
    res.setHeader('Set-Cookie', sessionCookie(token));
    res.redirect(303, safeReturnTo(session.data.returnTo));
  }

  /** The sign-in form's own session: it carries the CSRF token of the form, and nothing else. */
  private async anonymousSession(req: Request, res: Response, fresh = false): Promise<WebSession> {
    const existing = fresh ? undefined : await this.sessions.find(sessionTokenOf(cookieOf(req)));
    if (existing && !existing.user) return existing;
    const { token, session } = await this.sessions.create(null);
    res.setHeader('Set-Cookie', sessionCookie(token));
    return session;
  }

  private page(res: Response, session: WebSession, ctx: { returnTo: string; values: SignInAnswers; fieldErrors: Record<string, string> }, status: number) {
    const errors = Object.entries(ctx.fieldErrors).map(([field, text]) => ({ text, href: field === 'signIn' ? '#main-content' : `#${field}` }));
    const roleItems = ROLES.map((r) => ({ value: r, text: r.charAt(0).toUpperCase() + r.slice(1).replace(/-/g, ' '), checked: ctx.values.role === r }));
    sendPage(res, this.pages.render('sign-in.njk', { title: 'Sign in', csrfToken: session.csrfToken, oidc: !this.method.developmentAllowed, errors, roleItems, ...ctx }), status);
  }

  private countAttempt(req: Request, res: Response) {
    const taken = this.limits.take('token-less', req.ip);
    if (!taken.allowed) {
      res.setHeader('Retry-After', String(taken.retryAfterSeconds));
      throw new HttpException(tooMany('token-less', taken.retryAfterSeconds), HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
