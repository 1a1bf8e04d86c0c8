/**
 * Bearer tokens for the production-profile suite, as a force's identity provider issues them: RS256, from a key
 * whose public half a JWKS endpoint serves, which the built API is pointed at (AUTH_JWKS_URL) exactly as it would
 * be at the force's own provider.
 *
 * For now the provider is this small JWKS server. `bearerTokenFor` is the one place tokens are got: once
 * test/support/oidc-provider.ts (a real oidc-provider) lands, it switches to asking that provider, and nothing
 * else in the suite changes.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';

export interface Caller {
  id: string;
  role: string;
  force: string;
}

export interface IdentityProvider {
  /** What the API is given: AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE. */
  env: Record<string, string>;
  /** An access token for the caller, as the provider would issue after they signed in. */
  bearerTokenFor(caller: Caller): Promise<string>;
  close(): Promise<void>;
}

const AUDIENCE = 'conduct-engine';

export async function startIdentityProvider(): Promise<IdentityProvider> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = 'production-profile-1';
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }] };
  const server = http.createServer((req, res) => {
    if (req.url === '/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = `${base}/realms/psd`;
  return {
    env: { AUTH_JWKS_URL: `${base}/jwks`, AUTH_ISSUER: issuer, AUTH_AUDIENCE: AUDIENCE },
    bearerTokenFor: (caller) =>
      new SignJWT({ role: caller.role, force: caller.force })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(caller.id)
        .setIssuer(issuer)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('15m')
        .sign(privateKey),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
