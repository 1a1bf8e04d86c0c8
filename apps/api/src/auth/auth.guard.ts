import { CanActivate, ExecutionContext, HttpException, HttpStatus, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { StaffRegister } from '../allocation/staff-register';
import { RateLimits, tooMany } from '../common/rate-limit';
import { AuthSettings } from './auth.config';
import { User, userFromClaims } from './user';

export const PUBLIC = 'conduct:public';
/** For health, the OpenAPI documents and the rules: readable without a token. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Every request carries a valid bearer token naming a role and a force, unless the route is public. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly settings: AuthSettings,
    private readonly limits: RateLimits,
    private readonly staff: StaffRegister,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [ctx.getHandler(), ctx.getClass()])) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: unknown = req.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer …)');
    let claims: Record<string, unknown>;
    try {
      claims = await this.settings.verify(header.slice('Bearer '.length).trim());
    } catch {
      // A token that fails the check counts as a request without one: guessing tokens meets the token-less limit.
      const taken = this.limits.take('token-less', req.ip);
      if (!taken.allowed) {
        ctx.switchToHttp().getResponse().setHeader('Retry-After', String(taken.retryAfterSeconds));
        throw new HttpException(tooMany('token-less', taken.retryAfterSeconds), HttpStatus.TOO_MANY_REQUESTS);
      }
      throw new UnauthorizedException('the bearer token is not valid');
    }
    const checked = userFromClaims(claims);
    if ('refused' in checked) throw new UnauthorizedException(checked.refused);
    const user: User = checked.user;
    req.user = user;
    // Someone who has signed in to a force can be allocated its work.
    await this.staff.seen(user);
    return true;
  }
}
