import { ExecutionContext, ForbiddenException, createParamDecorator } from '@nestjs/common';
import type { Grant, Role } from '@conduct/domain';
import type { Actor } from '@conduct/workflows';
import type { User } from '../auth/user';

/** The authenticated caller (set by the AuthGuard from the bearer token). */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): User => ctx.switchToHttp().getRequest().user);

export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenException({ message: `${what} may be recorded only by: ${allowed.join(', ')} (you are ${actor.role})`, rolesAllowed: allowed });
  }
}

/**
 * The permission check of a command, from the grants table (libs/domain/src/grants.ts). It runs before the
 * matter is looked up, so it answers the same whether the matter exists or not: 403 naming the roles that may.
 */
export function requireGrant(actor: Actor, grant: Grant): void {
  requireRole(actor, grant.roles, grant.words);
}

/** Strips the token's force grants from what the workflows record: they need who and in which role. */
export function asActor(user: User): Actor {
  return { id: user.id, role: user.role };
}
