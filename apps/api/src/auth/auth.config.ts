import { JWTPayload, JWTVerifyGetKey, KeyLike, createRemoteJWKSet, importSPKI, jwtVerify } from 'jose';

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
  const options = { audience: env.AUTH_AUDIENCE ?? AUDIENCE_DEFAULT, ...(env.AUTH_ISSUER ? { issuer: env.AUTH_ISSUER } : {}) };
  if (env.AUTH_JWKS_URL) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL));
    return { verify: async (t) => (await jwtVerify(t, jwks, options)).payload, describe: `JWKS ${env.AUTH_JWKS_URL}` };
  }
  if (env.AUTH_PUBLIC_KEY) {
    const alg = env.AUTH_ALGORITHM ?? 'RS256';
    const key: KeyLike = await importSPKI(env.AUTH_PUBLIC_KEY, alg);
    return { verify: async (t) => (await jwtVerify(t, key, { ...options, algorithms: [alg] })).payload, describe: `public key (${alg})` };
  }
  if (env.AUTH_JWT_SECRET) {
    const secret = new TextEncoder().encode(env.AUTH_JWT_SECRET);
    return { verify: async (t) => (await jwtVerify(t, secret, { ...options, algorithms: ['HS256'] })).payload, describe: 'shared secret (HS256)' };
  }
  throw new Error('no way to verify bearer tokens: set AUTH_JWKS_URL, AUTH_PUBLIC_KEY or AUTH_JWT_SECRET (npm start sets a secret for the embedded default)');
}
