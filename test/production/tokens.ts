/**
 * Bearer tokens for the production-profile suite, from a real OpenID provider (oidc-provider, started by
 * test/support/oidc-provider.ts): each caller signs in by the authorization-code flow with PKCE, and the API (the
 * built one, NODE_ENV=production) verifies the provider's RS256 access tokens against its JWKS, with its issuer and
 * audience, exactly as it would a force's own provider's.
 */
import { randomUUID } from 'crypto';
import { OidcUser, startOidcProvider } from '../support/oidc-provider';

export interface Caller {
  id: string;
  role: string;
  force: string;
}

export interface IdentityProvider {
  /** What the API is given: AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE. */
  env: Record<string, string>;
  /** An access token for the caller, as the provider issues it after they signed in. */
  bearerTokenFor(caller: Caller): Promise<string>;
  close(): Promise<void>;
}

const AUDIENCE = 'conduct-engine';

/** The provider, knowing the callers the suite signs in as. */
export async function startIdentityProvider(callers: readonly Caller[]): Promise<IdentityProvider> {
  const users: OidcUser[] = callers.map((c) => ({ ...c, password: randomUUID(), name: c.id }));
  const provider = await startOidcProvider({ users, redirectUris: ['http://localhost/unused'], audience: AUDIENCE });
  const tokens = new Map<string, Promise<string>>();
  return {
    env: { AUTH_JWKS_URL: provider.jwksUrl, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: AUDIENCE },
    bearerTokenFor: (caller) => {
      const user = users.find((u) => u.id === caller.id);
      if (!user) throw new Error(`the identity provider was not told of ${caller.id}`);
      // One sign-in per caller: its access token serves the whole suite (they live longer than it runs).
      if (!tokens.has(user.id)) tokens.set(user.id, provider.personToken(user));
      return tokens.get(user.id)!;
    },
    close: () => provider.stop(),
  };
}
