import { ROLES, type Role } from '@conduct/domain';
import type { Actor } from '@conduct/workflows';

export { ROLES };

/** The caller, from their bearer token: who, in which role, for which force. */
export interface User extends Actor {
  forceId: string;
  /** Oversight roles may be granted other forces ('*' for all); everyone else sees their own force only. */
  forces: readonly string[];
}

export function mayAccessForce(user: User, forceId: string): boolean {
  return user.forceId === forceId || user.forces.includes('*') || user.forces.includes(forceId);
}

/** The forces a user may see, or null for all. */
export function visibleForces(user: User): string[] | null {
  return user.forces.includes('*') ? null : [user.forceId, ...user.forces];
}

/**
 * The user a verified token's claims name, or why they name none: the same check for a bearer token and for an
 * OpenID Connect sign-in, so the web interface admits exactly whom the API admits.
 */
export function userFromClaims(claims: Readonly<Record<string, unknown>>, what = 'token'): { user: User } | { refused: string } {
  const { sub, role, force: forceId } = claims;
  if (typeof sub !== 'string' || !sub) return { refused: `the ${what} must name its subject (sub)` };
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) return { refused: `the ${what}'s role must be one of ${ROLES.join(', ')}` };
  if (typeof forceId !== 'string' || !forceId) return { refused: `the ${what} must name the force (force)` };
  // Only oversight and administrators may be granted other forces; a grant to anyone else is ignored.
  const granted = Array.isArray(claims.forces) ? claims.forces.filter((f): f is string => typeof f === 'string') : [];
  return { user: { id: sub, role: role as Role, forceId, forces: role === 'oversight' || role === 'administrator' ? granted : [] } };
}
