import { ChildProcess, fork } from 'child_process';
import { createHash, randomBytes } from 'crypto';
import * as path from 'path';
import { PlainBrowser } from './plain-browser';

const ROOT = path.resolve(__dirname, '../..');

/** A person the provider knows: who signs in with `id` and `password`, and the role and force it vouches for. */
export interface OidcUser {
  id: string;
  password: string;
  name: string;
  role: string;
  force: string;
  /** Other forces, for oversight. */
  forces?: string[];
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
}

export interface OidcFixtureSettings {
  users: OidcUser[];
  /** The access tokens' audience (`aud`): the API's AUTH_AUDIENCE. */
  audience: string;
  clients: {
    /** The web interface: a confidential client, authorization code with PKCE. */
    web: OidcClient & { redirectUris: string[]; postLogoutRedirectUris?: string[] };
    /** A service calling the API: client_credentials, its tokens carry this role and force. */
    service: OidcClient & { role: string; force: string; forces?: string[] };
  };
}

export interface RunningOidcProvider {
  issuer: string;
  jwksUrl: string;
  tokenUrl: string;
  /** The resource indicator whose access tokens carry `audience`. */
  resource: string;
  clients: OidcFixtureSettings['clients'];
  /** A client_credentials access token for the service client (a JWT, RS256, for the API's audience). */
  serviceToken(): Promise<string>;
  /**
   * A person's access token for the API: the web client's authorization-code flow with PKCE, signing in at the
   * login form as `user` (the first redirect URI receives the code; nothing need listen there).
   */
  personToken(user: OidcUser): Promise<string>;
  stop(): Promise<void>;
}

export interface OidcProviderOptions {
  users: OidcUser[];
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  service?: { role: string; force: string; forces?: string[] };
  audience?: string;
}

const API_RESOURCE = 'urn:conduct-engine:api';

/**
 * Starts a real OpenID provider (`oidc-provider`, certified) on a free port, in its own process, with a web client
 * for the authorization-code flow with PKCE, a client_credentials client, the given users, a login form a plain
 * HTTP client can post, and RS256 JWT access tokens for the API's audience carrying `sub`, `role`, `force`.
 */
export async function startOidcProvider(opts: OidcProviderOptions): Promise<RunningOidcProvider> {
  const secret = () => randomBytes(24).toString('base64url');
  const settings: OidcFixtureSettings = {
    users: opts.users,
    audience: opts.audience ?? 'conduct-engine',
    clients: {
      web: { clientId: 'conduct-web', clientSecret: secret(), redirectUris: opts.redirectUris, postLogoutRedirectUris: opts.postLogoutRedirectUris },
      service: { clientId: 'conduct-service', clientSecret: secret(), ...(opts.service ?? { role: 'administrator', force: 'e2e-force' }) },
    },
  };
  const env = { ...process.env };
  const child: ChildProcess = fork(path.join(ROOT, 'tools/run-ts.js'), [path.join(ROOT, 'test/support/oidc-provider-process.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + String(d)).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const issuer = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the OpenID provider did not start within 60 s\n${stderr}`));
    }, 60_000);
    child.on('message', (m: { ready?: { issuer: string }; failed?: string }) => {
      clearTimeout(timer);
      if (m.ready) resolve(m.ready.issuer);
      else reject(new Error(`the OpenID provider failed to start: ${m.failed}`));
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the OpenID provider exited before it was ready\n${stderr}`));
    });
    child.send(settings);
  });
  const discovered = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string; token_endpoint: string; authorization_endpoint: string };
  const tokenUrl = discovered.token_endpoint;
  return {
    issuer,
    jwksUrl: discovered.jwks_uri,
    tokenUrl,
    resource: API_RESOURCE,
    clients: settings.clients,
    serviceToken: () => {
      const { clientId, clientSecret } = settings.clients.service;
      return tokenRequest(tokenUrl, clientId, clientSecret, { grant_type: 'client_credentials', resource: API_RESOURCE, scope: 'matters' });
    },
    async personToken(user) {
      const { clientId, clientSecret, redirectUris } = settings.clients.web;
      const verifier = randomBytes(32).toString('base64url');
      const authorize = new URL(discovered.authorization_endpoint);
      authorize.search = new URLSearchParams({
        response_type: 'code', client_id: clientId, redirect_uri: redirectUris[0], scope: 'openid profile', resource: API_RESOURCE,
        code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256', state: randomBytes(8).toString('hex'),
      }).toString();
      const browser = new PlainBrowser();
      const login = await browser.go(authorize, {}, redirectUris[0]);
      const back = await browser.submit(login, { login: user.id, password: user.password }, redirectUris[0]);
      const code = back.url.searchParams.get('code');
      if (!code) throw new Error(`no code for ${user.id} (${back.status}): ${back.url.search || back.body.slice(0, 300)}`);
      return tokenRequest(tokenUrl, clientId, clientSecret, { grant_type: 'authorization_code', code, redirect_uri: redirectUris[0], code_verifier: verifier, resource: API_RESOURCE });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function tokenRequest(tokenUrl: string, clientId: string, clientSecret: string, params: Record<string, string>): Promise<string> {
  const res = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
    body: new URLSearchParams(params),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!res.ok || !body.access_token) throw new Error(`${params.grant_type} refused (${res.status}): ${JSON.stringify(body)}`);
  return body.access_token;
}
