import type { Actor } from '@conduct/workflows';

export { ROLES } from '@conduct/domain';

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
