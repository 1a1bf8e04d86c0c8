import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SignJWT } from 'jose';
import type { Role } from '@conduct/domain';
import { setting } from '@conduct/config';

export const ROLES: Role[] = ['appropriate-authority', 'case-officer', 'investigator', 'oversight', 'administrator'];

/** The embedded default's signing secret, kept in the data folder so tokens survive a restart. */
export function embeddedSecret(dataDir: string): string {
  const file = path.join(dataDir, 'auth-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** A bearer token as a force's identity provider would issue it, for the embedded default and tests. */
export function signToken(secret: string, claims: { sub: string; role: Role | string; force: string; forces?: string[] }, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: claims.role, force: claims.force, ...(claims.forces ? { forces: claims.forces } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setAudience(setting('AUTH_AUDIENCE'))
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
