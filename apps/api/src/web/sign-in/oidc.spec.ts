import { SignInRefused, oidcSettings, reasonOf, signedInUser } from './oidc';

describe('sign-in with an OpenID Connect provider', () => {
  const env = { AUTH_OIDC_ISSUER: 'https://idp.north.police.example/realms/psd', AUTH_OIDC_CLIENT_ID: 'conduct-web', AUTH_OIDC_REDIRECT_URL: 'https://conduct.north.police.example/sign-in/callback' };

  it('is configured by the AUTH_OIDC_* variables, asking for openid and profile unless told otherwise', () => {
    expect(oidcSettings(env)).toEqual({ issuer: new URL(env.AUTH_OIDC_ISSUER), clientId: 'conduct-web', clientSecret: undefined, redirectUrl: env.AUTH_OIDC_REDIRECT_URL, postLogoutRedirectUrl: undefined, scope: 'openid profile' });
    expect(oidcSettings({ ...env, AUTH_OIDC_CLIENT_SECRET: 's3cret', AUTH_OIDC_SCOPE: 'openid psd' })).toMatchObject({ clientSecret: 's3cret', scope: 'openid psd' });
  });

  it('is not offered without a provider: the embedded default signs in for development', () => {
    expect(oidcSettings({})).toBeNull();
    expect(oidcSettings({ AUTH_OIDC_ISSUER: env.AUTH_OIDC_ISSUER })).toBeNull();
  });

});

describe('the person an ID token signs in', () => {
  it('is its subject by name, in the role and force the provider vouches for', () => {
    expect(signedInUser({ sub: 'u-17', name: 'Ada Lovelace', role: 'appropriate-authority', force: 'north' })).toEqual({ id: 'u-17', name: 'Ada Lovelace', role: 'appropriate-authority', forceId: 'north', forces: [] });
    expect(signedInUser({ sub: 'u-18', preferred_username: 'jbloggs', role: 'oversight', force: 'iopc', forces: ['north'] })).toEqual({ id: 'u-18', name: 'jbloggs', role: 'oversight', forceId: 'iopc', forces: ['north'] });
    expect(signedInUser({ sub: 'u-19', role: 'investigator', force: 'north' }).name).toBe('u-19');
  });

  it('is refused when the token has no force or a role the engine does not know, naming the claim', () => {
    expect(() => signedInUser({ sub: 'u-17', role: 'case-officer' })).toThrow(new SignInRefused("the provider's ID token must name the force (force)"));
    expect(() => signedInUser({ sub: 'u-17', force: 'north' })).toThrow(/the provider's ID token's role must be one of .*case-officer/);
  });
});

describe("why a provider's answer is refused", () => {
  it("names the check that failed, or the provider's own error", () => {
    expect(reasonOf(new Error('invalid response encountered', { cause: new Error('unexpected "state" response parameter value') }))).toBe('invalid response encountered: unexpected "state" response parameter value');
    expect(reasonOf(Object.assign(new Error('server responded with an error in the response body'), { error: 'invalid_grant', error_description: 'grant request is invalid' }))).toBe('the provider said invalid_grant (grant request is invalid)');
    expect(reasonOf(Object.assign(new Error('authorization response from the server is an error'), { error: 'access_denied' }))).toBe('the provider said access_denied');
  });
});
