import * as client from 'openid-client';
import { plainHttpAllowed, setting } from '@conduct/config';
import { User, userFromClaims } from '../../auth/user';

/**
 * Sign-in to the web interface with a force's OpenID Connect provider: the authorization-code flow with PKCE
 * (RFC 7636), a state against cross-site request forgery and a nonce against a replayed ID token, through the
 * maintained client (openid-client). The ID token must carry `role` and `force` (and `forces` for oversight),
 * checked exactly as the API checks a bearer token's.
 */

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** None: a public client (PKCE alone). */
  clientSecret?: string;
  redirectUrl: string;
  postLogoutRedirectUrl?: string;
  scope: string;
}

/** The configured provider, or null when none is (the embedded default's development sign-in). */
export function oidcSettings(env: NodeJS.ProcessEnv = process.env): OidcSettings | null {
  const issuer = setting('AUTH_OIDC_ISSUER', env);
  const clientId = setting('AUTH_OIDC_CLIENT_ID', env);
  const redirectUrl = setting('AUTH_OIDC_REDIRECT_URL', env);
  // checkConfig has refused a partial set at start; here an incomplete one means none.
  if (!issuer || !clientId || !redirectUrl) return null;
  return {
    issuer: new URL(issuer),
    clientId,
    clientSecret: setting('AUTH_OIDC_CLIENT_SECRET', env),
    redirectUrl,
    postLogoutRedirectUrl: setting('AUTH_OIDC_POST_LOGOUT_REDIRECT_URL', env),
    scope: setting('AUTH_OIDC_SCOPE', env),
  };
}

/** What the session keeps between sending someone to the provider and their return: never sent to the browser. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface SignedInUser extends User {
  name: string;
}

/** A sign-in the provider's answer does not support: the person is sent to sign in again, with this reason. */
export class SignInRefused extends Error {
  override name = 'SignInRefused';
}

/** The person the ID token's claims name, checked as a bearer token's are; a missing claim is named. */
export function signedInUser(claims: Readonly<Record<string, unknown>>): SignedInUser {
  const checked = userFromClaims(claims, "provider's ID token");
  if ('refused' in checked) throw new SignInRefused(checked.refused);
  const name = [claims.name, claims.preferred_username].find((n): n is string => typeof n === 'string' && n.trim() !== '');
  return { ...checked.user, name: name ?? checked.user.id };
}

/**
 * Why the provider's answer was refused, in the words of the check that failed: openid-client's own message is
 * generic ("invalid response encountered"); the check is in its cause, the provider's error in `error`.
 */
export function reasonOf(e: Error & { error?: unknown; error_description?: unknown }): string {
  if (typeof e.error === 'string') return `the provider said ${e.error}${typeof e.error_description === 'string' ? ` (${e.error_description})` : ''}`;
  const cause = e.cause instanceof Error ? e.cause.message : undefined;
  return cause && cause !== e.message ? `${e.message}: ${cause}` : e.message;
}

export class OidcSignIn {
  private constructor(
    private readonly config: client.Configuration,
    private readonly settings: OidcSettings,
  ) {}

  /** Reads the provider's discovery document (`/.well-known/openid-configuration`). */
  static async discover(settings: OidcSettings): Promise<OidcSignIn> {
    const auth = settings.clientSecret ? client.ClientSecretBasic(settings.clientSecret) : client.None();
    const execute = plainHttpAllowed(settings.issuer) ? [client.allowInsecureRequests] : [];
    const config = await client.discovery(settings.issuer, settings.clientId, { redirect_uris: [settings.redirectUrl] }, auth, { execute });
    return new OidcSignIn(config, settings);
  }

  async beginSignIn(): Promise<PendingSignIn & { authorizationUrl: URL }> {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const authorizationUrl = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.settings.redirectUrl,
      scope: this.settings.scope,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl, state, nonce, codeVerifier };
  }

  /**
   * The person signed in, from the URL the provider sent them back to and what the session kept: the code is
   * exchanged with the PKCE verifier, and the state, the nonce and the ID token's signature, issuer and audience
   * are checked. Keep the ID token for sign-out.
   */
  async completeSignIn(callbackUrl: URL, saved: PendingSignIn): Promise<{ user: SignedInUser; idToken: string }> {
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(this.config, callbackUrl, {
        pkceCodeVerifier: saved.codeVerifier,
        expectedState: saved.state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      // What the provider or its answer got wrong is a refused sign-in; a provider out of reach is not.
      if (e instanceof client.ClientError || e instanceof client.AuthorizationResponseError || e instanceof client.ResponseBodyError) throw new SignInRefused(`the provider's answer was refused: ${reasonOf(e)}`);
      throw e;
    }
    const claims = tokens.claims();
    if (!claims || !tokens.id_token) throw new SignInRefused('the provider sent no ID token');
    return { user: signedInUser(claims), idToken: tokens.id_token };
  }

  /** Where to send someone to sign out at the provider too, when it offers that (its end_session_endpoint). */
  signOutUrl(idToken?: string): URL | undefined {
    if (!this.config.serverMetadata().end_session_endpoint) return undefined;
    return client.buildEndSessionUrl(this.config, {
      client_id: this.settings.clientId,
      ...(idToken ? { id_token_hint: idToken } : {}),
      ...(this.settings.postLogoutRedirectUrl ? { post_logout_redirect_uri: this.settings.postLogoutRedirectUrl } : {}),
    });
  }
}
