import { ROLES, type Role } from '@conduct/domain';
import type { WebUser } from '../session/web-sessions';

const FORCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export interface SignInAnswers {
  name?: string;
  role?: string;
  forceId?: string;
  forces?: string;
}

/**
 * The development sign-in's answers checked: each problem named against its field, in the GOV.UK error messages'
 * words. Other forces may be granted to oversight and administrators only, as the bearer-token guard allows.
 */
export function checkSignInAnswers(a: SignInAnswers): { user: Omit<WebUser, 'via'>; errors?: undefined } | { user?: undefined; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const name = (a.name ?? '').trim();
  if (!name) errors.name = 'Enter your name';
  else if (name.length > 100) errors.name = 'Your name must be 100 characters or fewer';
  if (!ROLES.includes(a.role as Role)) errors.role = 'Select your role';
  const forceId = (a.forceId ?? '').trim();
  if (!forceId) errors.forceId = 'Enter your force';
  else if (!FORCE.test(forceId)) errors.forceId = 'Your force must be letters, digits, dots, dashes or underscores';
  const forces = (a.forces ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (forces.length && a.role !== 'oversight' && a.role !== 'administrator') errors.forces = 'Only oversight and administrators may be granted other forces';
  else if (forces.some((f) => f !== '*' && !FORCE.test(f))) errors.forces = 'Other forces must be force identifiers separated by commas, or *';
  if (Object.keys(errors).length) return { errors };
  return { user: { id: `dev:${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, name, role: a.role as Role, forceId, forces } };
}
