import { JWTPayload, JWTVerifyGetKey, KeyLike, createRemoteJWKSet, importSPKI, jwtVerify } from 'jose';
import { setting } from '@conduct/config';

/**
 * How the API checks bearer tokens: a force's identity provider (a JWKS URL or a public key), or, in
 * the embedded default, a shared secret that `npm run token` also knows.
 */
export abstract class AuthSettings {
  abstract verify(token: string): Promise<JWTPayload>;
  abstract describe: string;
}

export const AUDIENCE_DEFAULT = 'conduct-engine';

export async function authSettings(env: NodeJS.ProcessEnv = process.env): Promise<AuthSettings> {
  const issuer = setting('AUTH_ISSUER', env);
  const options = { audience: setting('AUTH_AUDIENCE', env), ...(issuer ? { issuer } : {}) };
  const jwksUrl = setting('AUTH_JWKS_URL', env);
  if (jwksUrl) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(jwksUrl));
    return { verify: async (t) => (await jwtVerify(t, jwks, options)).payload, describe: `JWKS ${jwksUrl}` };
  }
  const publicKey = setting('AUTH_PUBLIC_KEY', env);
  if (publicKey) {
    const alg = setting('AUTH_ALGORITHM', env);
    const key: KeyLike = await importSPKI(publicKey, alg);
    return { verify: async (t) => (await jwtVerify(t, key, { ...options, algorithms: [alg] })).payload, describe: `public key (${alg})` };
  }
  const shared = setting('AUTH_JWT_SECRET', env);
  if (shared) {
    const secret = new TextEncoder().encode(shared);
    return { verify: async (t) => (await jwtVerify(t, secret, { ...options, algorithms: ['HS256'] })).payload, describe: 'shared secret (HS256)' };
  }
  throw new Error('no way to verify bearer tokens: set AUTH_JWKS_URL, AUTH_PUBLIC_KEY or AUTH_JWT_SECRET (npm start sets a secret for the embedded default)');
}
