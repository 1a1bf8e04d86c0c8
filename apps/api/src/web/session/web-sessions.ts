import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ROLES, type Role } from '@conduct/domain';
import { deleteExpiredWebSessions, deleteWebSession, findWebSession, insertWebSession, updateWebSessionData } from '@conduct/persistence';
import type { User } from '../../auth/user';

/** Who is signed in to the web interface: the same caller the bearer-token guard makes, with a name to show. */
export interface WebUser extends User {
  name: string;
  /** How they signed in: the force's OpenID provider, or the development sign-in of the embedded stack. */
  via: 'oidc' | 'development';
}

export interface WebSession {
  tokenHash: string;
  user: WebUser | null;
  csrfToken: string;
  data: Record<string, unknown>;
}

/** `__Host-`: only over HTTPS (browsers treat http://localhost as secure), for this host and path / only. */
export const SESSION_COOKIE = '__Host-conduct-session';
/** A working day and a bit: a session ends the day it began. */
const SESSION_HOURS = 12;

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The session cookie's value from a Cookie header, if there is one. */
export function sessionTokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=${SESSION_HOURS * 3600}`;
}

export function expiredSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

/** A form's CSRF token matches its session's (in constant time). */
export function csrfTokenMatches(session: WebSession, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== session.csrfToken.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(session.csrfToken));
}

/** The signed-in person as the session stored them, or null when the stored shape is not a user any more. */
export function webUserOf(stored: Record<string, unknown> | null): WebUser | null {
  if (!stored) return null;
  const { id, name, role, forceId, forces, via } = stored as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof forceId !== 'string' || !ROLES.includes(role as Role)) return null;
  return { id, name, role: role as Role, forceId, forces: Array.isArray(forces) ? forces.map(String) : [], via: via === 'oidc' ? 'oidc' : 'development' };
}

/**
 * Server-side sessions in PostgreSQL (web_session). The browser holds a random token; the table holds its SHA-256,
 * who is signed in, the CSRF token every form carries, and what a page keeps between requests. Signing in makes a
 * new session (a token from before sign-in is never promoted, so it cannot be fixed on someone).
 */
@Injectable()
export class WebSessions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(token: string | undefined): Promise<WebSession | undefined> {
    if (!token) return undefined;
    const row = await findWebSession(this.db, hash(token));
    if (!row) return undefined;
    return { tokenHash: row.tokenHash, user: webUserOf(row.signedIn), csrfToken: row.csrfToken, data: row.data ?? {} };
  }

  /** A new session (anonymous, or signed in): returns the cookie's token and the session. */
  async create(user: WebUser | null, data: Record<string, unknown> = {}): Promise<{ token: string; session: WebSession }> {
    const token = randomBytes(32).toString('base64url');
    const session: WebSession = { tokenHash: hash(token), user, csrfToken: randomBytes(32).toString('base64url'), data };
    // Now and then, not on every request: expired sessions are removed when sessions are made.
    if (Math.random() < 0.05) await deleteExpiredWebSessions(this.db);
    await insertWebSession(this.db, {
      tokenHash: session.tokenHash,
      signedIn: user as unknown as Record<string, unknown> | null,
      csrfToken: session.csrfToken,
      data,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600 * 1000),
    });
    return { token, session };
  }

  async saveData(session: WebSession): Promise<void> {
    await updateWebSessionData(this.db, session.tokenHash, session.data);
  }

  async end(session: WebSession): Promise<void> {
    await deleteWebSession(this.db, session.tokenHash);
  }
}
