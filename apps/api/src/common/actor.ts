import { BadRequestException, ForbiddenException, createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Role } from '@conduct/domain';
import type { Actor } from '@conduct/workflows';

export const ROLES: readonly Role[] = ['appropriate-authority', 'case-officer', 'investigator', 'oversight', 'administrator'];

/**
 * Who is calling. Until bearer tokens arrive, the caller names themselves and their role in the
 * X-Actor-Id and X-Actor-Role headers.
 */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const req = ctx.switchToHttp().getRequest();
  const id = req.headers['x-actor-id'];
  const role = req.headers['x-actor-role'];
  if (typeof id !== 'string' || !id.trim()) throw new BadRequestException({ message: 'the X-Actor-Id header must name who is acting', field: 'X-Actor-Id' });
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    throw new BadRequestException({ message: `the X-Actor-Role header must be one of ${ROLES.join(', ')}`, field: 'X-Actor-Role' });
  }
  return { id: id.trim(), role: role as Role };
});

export function requireRole(actor: Actor, allowed: readonly Role[], what: string): void {
  if (!allowed.includes(actor.role)) {
    throw new ForbiddenException({ message: `${what} may be recorded only by: ${allowed.join(', ')}`, rolesAllowed: allowed });
  }
}
