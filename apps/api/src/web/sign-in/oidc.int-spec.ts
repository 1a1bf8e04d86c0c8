import { OidcUser, RunningOidcProvider, startOidcProvider } from '../../../../../test/support/oidc-provider';
import { PlainBrowser } from '../../../../../test/support/plain-browser';
import { OidcSignIn, PendingSignIn, SignInRefused } from './oidc';

/**
 * The web interface's sign-in against a real OpenID provider (oidc-provider, started here in its own process):
 * the authorization-code flow with PKCE, driven by a plain HTTP client that follows the redirects and posts the
 * provider's login form, as a browser would.
 */
const REDIRECT = 'http://localhost:3999/sign-in/callback';
const SIGNED_OUT = 'http://localhost:3999/signed-out';
const USERS: Record<string, OidcUser> = {
  aa: { id: 'aa-north', password: 'correct horse', name: 'Alex Armitage', role: 'appropriate-authority', force: 'north' },
  oversight: { id: 'iopc-1', password: 'battery staple', name: 'Olu Okafor', role: 'oversight', force: 'iopc', forces: ['north', 'south'] },
  forceless: { id: 'no-force', password: 'staple', name: 'Nobody Inparticular', role: 'case-officer', force: '' },
};

let provider: RunningOidcProvider;
let signIn: OidcSignIn;

beforeAll(async () => {
  provider = await startOidcProvider({ users: Object.values(USERS), redirectUris: [REDIRECT], postLogoutRedirectUris: [SIGNED_OUT] });
  const { clientId, clientSecret } = provider.clients.web;
  signIn = await OidcSignIn.discover({ issuer: new URL(provider.issuer), clientId, clientSecret, redirectUrl: REDIRECT, postLogoutRedirectUrl: SIGNED_OUT, scope: 'openid profile' });
}, 90_000);

afterAll(async () => {
  await provider?.stop();
});

/** Goes to the provider, signs in there as `who`, and comes back: the URL the provider sent the browser to. */
async function signInAtProvider(who: OidcUser, password = who.password): Promise<{ saved: PendingSignIn; callback: URL }> {
  const { authorizationUrl, ...saved } = await signIn.beginSignIn();
  const browser = new PlainBrowser();
  const login = await browser.go(authorizationUrl, {}, REDIRECT);
  expect(login.status).toBe(200);
  const back = await browser.submit(login, { login: who.id, password }, REDIRECT);
  if (!back.url.href.startsWith(REDIRECT)) throw new Error(`not sent back (${back.status}): ${back.body.slice(0, 300)}`);
  return { saved, callback: back.url };
}

describe('signing in to the web interface with a force identity provider', () => {
  it('asks the provider for a code with a PKCE challenge (S256), a state and a nonce, keeping the verifier for the session', async () => {
    const { authorizationUrl, state, nonce, codeVerifier } = await signIn.beginSignIn();
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${provider.issuer}/auth`);
    const q = authorizationUrl.searchParams;
    expect(Object.fromEntries(['response_type', 'client_id', 'redirect_uri', 'code_challenge_method', 'state', 'nonce', 'scope'].map((k) => [k, q.get(k)]))).toEqual({
      response_type: 'code', client_id: 'conduct-web', redirect_uri: REDIRECT, code_challenge_method: 'S256', state, nonce, scope: 'openid profile',
    });
    expect(q.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(q.get('code_challenge')).not.toBe(codeVerifier);
    expect(q.toString()).not.toContain(codeVerifier);
  });

  it('signs in an appropriate authority with the role and force the provider vouches for', async () => {
    const { saved, callback } = await signInAtProvider(USERS.aa);
    const { user, idToken } = await signIn.completeSignIn(callback, saved);
    expect(user).toEqual({ id: 'aa-north', name: 'Alex Armitage', role: 'appropriate-authority', forceId: 'north', forces: [] });
    expect(idToken.split('.')).toHaveLength(3);
  });

  it('signs in oversight with the other forces it is granted', async () => {
    const { saved, callback } = await signInAtProvider(USERS.oversight);
    expect((await signIn.completeSignIn(callback, saved)).user).toEqual({ id: 'iopc-1', name: 'Olu Okafor', role: 'oversight', forceId: 'iopc', forces: ['north', 'south'] });
  });

  it('refuses a return whose state was tampered with', async () => {
    const { saved, callback } = await signInAtProvider(USERS.aa);
    callback.searchParams.set('state', `${saved.state}x`);
    await expect(signIn.completeSignIn(callback, saved)).rejects.toThrow(new SignInRefused('the provider\'s answer was refused: invalid response encountered: unexpected "state" response parameter value'));
  });

  it('refuses an ID token that does not carry the nonce this session sent', async () => {
    const { saved, callback } = await signInAtProvider(USERS.aa);
    await expect(signIn.completeSignIn(callback, { ...saved, nonce: 'a-nonce-from-another-sign-in' })).rejects.toThrow(/unexpected ID Token "nonce" claim value/);
  });

  it('refuses a code redeemed without the PKCE verifier it was issued for', async () => {
    const { saved, callback } = await signInAtProvider(USERS.aa);
    await expect(signIn.completeSignIn(callback, { ...saved, codeVerifier: 'x'.repeat(43) })).rejects.toThrow(new SignInRefused("the provider's answer was refused: the provider said invalid_grant (grant request is invalid)"));
  });

  it('refuses someone the provider names no force for, saying which claim is missing', async () => {
    const { saved, callback } = await signInAtProvider(USERS.forceless);
    await expect(signIn.completeSignIn(callback, saved)).rejects.toThrow("the provider's ID token must name the force (force)");
  });

  it('sends no one back without the right password', async () => {
    const { authorizationUrl } = await signIn.beginSignIn();
    const browser = new PlainBrowser();
    const login = await browser.go(authorizationUrl, {}, REDIRECT);
    const refused = await browser.submit(login, { login: USERS.aa.id, password: 'wrong' }, REDIRECT);
    expect(refused.status).toBe(401);
    expect(refused.url.href.startsWith(REDIRECT)).toBe(false);
  });

  it("signs out at the provider too, with the ID token as a hint and the interface's page to return to", async () => {
    const { saved, callback } = await signInAtProvider(USERS.aa);
    const { idToken } = await signIn.completeSignIn(callback, saved);
    const url = signIn.signOutUrl(idToken)!;
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/session/end`);
    expect(url.searchParams.get('id_token_hint')).toBe(idToken);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(SIGNED_OUT);
    const page = await new PlainBrowser().go(url);
    expect(page.status).toBe(200);
  });
});
