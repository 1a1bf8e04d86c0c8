import { randomUUID } from 'crypto';
import { freePort } from '../../../tools/stack/ports';
import { RunningService, startService } from '../../../tools/stack/service';
import { OidcUser, RunningOidcProvider, startOidcProvider } from '../../support/oidc-provider';
import { expectAccessible, screenshot, useBrowser } from '../../support/browser';

/**
 * Signing in to the web interface with a force's OpenID provider, in Chromium: a real provider (oidc-provider)
 * and an API of this suite's own configured for it (AUTH_OIDC_*), on the suite's PostgreSQL and Temporal. The
 * authorization-code flow with PKCE; who the person is, their role and force come from the provider's ID token;
 * the development sign-in is refused; sign-out ends the session here and at the provider.
 */
const browser = useBrowser();
const run = randomUUID().slice(0, 8);
const AA: OidcUser = { id: `aa-${run}`, password: randomUUID(), name: 'Alex Armitage', role: 'appropriate-authority', force: `oidc-${run}` };
const NO_FORCE = { id: `nf-${run}`, password: randomUUID(), name: 'Nadia Noforce', role: 'case-officer' } as unknown as OidcUser;

let provider: RunningOidcProvider;
let api: RunningService;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://localhost:${port}`;
  provider = await startOidcProvider({ users: [AA, NO_FORCE], redirectUris: [`${base}/sign-in/callback`], postLogoutRedirectUris: [`${base}/sign-in`] });
  api = await startService('api', 'apps/api/src/main.ts', {
    PORT: String(port),
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS,
    AUTH_JWKS_URL: provider.jwksUrl,
    AUTH_ISSUER: provider.issuer,
    AUTH_JWT_SECRET: '',
    AUTH_PUBLIC_KEY: '',
    AUTH_OIDC_ISSUER: provider.issuer,
    AUTH_OIDC_CLIENT_ID: provider.clients.web.clientId,
    AUTH_OIDC_CLIENT_SECRET: provider.clients.web.clientSecret,
    AUTH_OIDC_REDIRECT_URL: `${base}/sign-in/callback`,
    AUTH_OIDC_POST_LOGOUT_REDIRECT_URL: `${base}/sign-in`,
    REQUEST_LOG: 'off',
  }, { silent: true });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await provider?.stop();
}, 60_000);

describe('signing in with the force\'s OpenID provider', () => {
  it('signs in by the authorization-code flow with PKCE, as the person, role and force the provider names, and signs out there too', async () => {
    const page = await browser.page();
    await page.goto(`${base}/?stage=investigation`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expect(page.locator('main').innerText()).resolves.toContain("Sign in with your force's account");
    await expect(page.getByLabel('Your role').count()).resolves.toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-oidc');

    const authorizeRequest = page.waitForRequest((r) => r.url().startsWith(provider.issuer) && r.url().includes('code_challenge='));
    await page.getByRole('button', { name: 'Sign in' }).click();
    const authorize = new URL((await authorizeRequest).url());
    // At the provider: its own login form.
    await page.getByLabel('User').waitFor();
    expect(page.url().startsWith(provider.issuer)).toBe(true);
    await page.getByLabel('User').fill(AA.id);
    await page.getByLabel('Password').fill(AA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/?stage=investigation`);
    await expect(page.locator('.app-service-header__user').innerText()).resolves.toBe(`Alex Armitage · Appropriate authority · oidc-${run}`);
    // Not the development sign-in: no banner saying so.
    await expect(page.locator('.app-development-banner').count()).resolves.toBe(0);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const cookies = await page.context().cookies(base);
    expect(cookies.find((c) => c.name === '__Host-conduct-session')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' });

    await page.getByRole('button', { name: 'Sign out' }).click();
    // The provider may ask to confirm the sign-out there; either way the session here has ended.
    await page.waitForLoadState();
    const after = await browser.page();
    await after.context().addCookies(cookies);
    await after.goto(`${base}/`);
    expect(new URL(after.url()).pathname).toBe('/sign-in');
  });

  it('refuses the development sign-in when a provider is configured, and a person the provider names without a force', async () => {
    const web = await fetch(`${base}/sign-in`);
    const cookie = web.headers.getSetCookie()[0].split(';')[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await web.text())?.[1];
    // The page has no development form; a forged one is refused before anything else.
    const forged = await fetch(`${base}/sign-in`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf ?? '', name: 'Mallory', role: 'administrator', forceId: 'any' }) });
    expect(forged.status).toBe(403);

    const page = await browser.page();
    await page.goto(`${base}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('User').fill(NO_FORCE.id);
    await page.getByLabel('Password').fill(NO_FORCE.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/sign-in\/callback/);
    await expect(page.title()).resolves.toBe('Error: Sign in – Misconduct proceedings');
    await expect(page.locator('.govuk-error-summary').innerText()).resolves.toMatch(/You could not be signed in: .*force/);
    await expectAccessible(page);
  });
});
