// A real OpenID provider (the certified `oidc-provider` package) in its own process: the package is an ES module,
// which Jest's CommonJS sandbox cannot load. Started by oidc-provider.ts, which sends the fixture's settings as
// the first IPC message and waits for `{ ready: { issuer } }`; stops on SIGTERM.
import { generateKeyPairSync, randomBytes } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import type { OidcFixtureSettings, OidcUser } from './oidc-provider';

/** The resource indicator (RFC 8707: an absolute URI) for which access tokens carry the API's audience. */
const API_RESOURCE = 'urn:conduct-engine:api';
const API_SCOPE = 'matters';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal login form: a browser or a plain HTTP client posts `login` and `password` back to the same address. */
function loginPage(uid: string, problem?: string): string {
  return `<!doctype html><html lang="en"><head><title>Sign in – test identity provider</title></head><body>
<h1>Sign in (test identity provider)</h1>${problem ? `<p role="alert">${escape(problem)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<label>User <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button>
</form></body></html>`;
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

async function start(settings: OidcFixtureSettings): Promise<{ issuer: string; close(): Promise<void> }> {
  const { default: Provider } = await import('oidc-provider');
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://localhost:${(server.address() as AddressInfo).port}`;
  const users = new Map<string, OidcUser>(settings.users.map((u) => [u.id, u]));
  const service = settings.clients.service;
  const claimsOf = (u: OidcUser) => ({ name: u.name, role: u.role, force: u.force, ...(u.forces ? { forces: u.forces } : {}) });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: settings.clients.web.clientId,
        client_secret: settings.clients.web.clientSecret,
        redirect_uris: settings.clients.web.redirectUris,
        post_logout_redirect_uris: settings.clients.web.postLogoutRedirectUris ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      { client_id: service.clientId, client_secret: service.clientSecret, grant_types: ['client_credentials'], redirect_uris: [], response_types: [], scope: API_SCOPE },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'fixture-rs256', alg: 'RS256', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Who signs in carries their role and force in the ID token, as a force's identity provider would be set up to.
    claims: { openid: ['sub'], profile: ['name', 'role', 'force', 'forces'] },
    conformIdTokenClaims: false,
    scopes: ['openid', 'profile', API_SCOPE],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => API_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (indicator !== API_RESOURCE) throw new Error(`unknown resource ${indicator}`);
          return { scope: API_SCOPE, audience: settings.audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    async findAccount(_ctx: unknown, id: string) {
      const u = users.get(id);
      return u && { accountId: id, claims: () => ({ sub: id, ...claimsOf(u) }) };
    },
    // The API reads role and force from the access token too: a person's, or the service client's own.
    async extraTokenClaims(_ctx: unknown, token: { accountId?: string; clientId?: string }) {
      if (token.accountId) {
        const u = users.get(token.accountId);
        return u && claimsOf(u);
      }
      if (token.clientId === service.clientId) return { role: service.role, force: service.force, ...(service.forces ? { forces: service.forces } : {}) };
      return undefined;
    },
    // The force's own application: no consent screen, what it asks for is granted.
    async loadExistingGrant(ctx: any) {
      const id = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (id) return ctx.oidc.provider.Grant.find(id);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
      grant.addResourceScope(API_RESOURCE, API_SCOPE);
      await grant.save();
      return grant;
    },
  });
  provider.proxy = false;

  const callback = provider.callback();
  server.on('request', async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const interaction = /^\/interaction\/([\w-]+)$/.exec(req.url ?? '');
    if (!interaction) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid));
        return;
      }
      const form = await readForm(req);
      const user = users.get(form.get('login') ?? '');
      if (!user || user.password !== form.get('password')) {
        res.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, 'Unknown user or wrong password'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    } catch (e) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end(`interaction failed: ${(e as Error).message}`);
    }
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

process.once('message', (settings: OidcFixtureSettings) => {
  start(settings).then(
    (running) => {
      process.send!({ ready: { issuer: running.issuer } });
      const stop = () => void running.close().finally(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      process.once('disconnect', stop);
    },
    (err: Error) => {
      process.send!({ failed: err.stack ?? err.message });
      process.exit(1);
    },
  );
});
