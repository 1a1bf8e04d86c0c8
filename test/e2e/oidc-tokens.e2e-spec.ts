import { randomUUID } from 'crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { COMMAND_GRANTS } from '@conduct/domain';
import { freePort } from '../../tools/stack/ports';
import { RunningService, startService } from '../../tools/stack/service';
import { OidcUser, RunningOidcProvider, startOidcProvider } from '../support/oidc-provider';
import { today } from '../support/dates';

/**
 * The API with a force's identity provider as its only token verifier (AUTH_JWKS_URL and AUTH_ISSUER, as in
 * production): a real OpenID provider (oidc-provider) issues the access tokens. This suite starts its own API with
 * that configuration, on the suite's PostgreSQL and Temporal; it records nothing (the shared worker's payload keys
 * are not this API's), so every call here reads, or is refused before anything is recorded.
 */
const run = randomUUID().slice(0, 8);
const FORCE = `oidc-${run}`;
const AUDIENCE = 'conduct-engine';

const AA: OidcUser = { id: `aa-${run}`, password: randomUUID(), name: 'Alex Armitage', role: 'appropriate-authority', force: FORCE };
const OVERSIGHT: OidcUser = { id: `iopc-${run}`, password: randomUUID(), name: 'Olu Okafor', role: 'oversight', force: 'iopc', forces: [FORCE] };

let provider: RunningOidcProvider;
let stranger: RunningOidcProvider;
let api: RunningService;
let apiUrl: string;

beforeAll(async () => {
  // The service client's tokens say what a force's provider would: a case officer of this force.
  const service = { role: 'case-officer', force: FORCE };
  [provider, stranger] = await Promise.all([
    startOidcProvider({ users: [AA, OVERSIGHT], redirectUris: ['http://localhost/unused'], service, audience: AUDIENCE }),
    // Another issuer with its own keys, issuing tokens that look the same.
    startOidcProvider({ users: [], redirectUris: ['http://localhost/unused'], service, audience: AUDIENCE }),
  ]);
  const port = await freePort();
  api = await startService('api', 'apps/api/src/main.ts', {
    PORT: String(port),
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS,
    AUTH_JWKS_URL: provider.jwksUrl,
    AUTH_ISSUER: provider.issuer,
    AUTH_AUDIENCE: AUDIENCE,
    // Blank is unset: the provider's keys are the only way in.
    AUTH_JWT_SECRET: '',
    AUTH_PUBLIC_KEY: '',
    REQUEST_LOG: 'off',
  }, { silent: true });
  apiUrl = `http://localhost:${port}`;
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await provider?.stop();
  await stranger?.stop();
}, 60_000);

async function get(path: string, token: string) {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as { items?: unknown[]; message?: string } };
}

describe("the API with a force's OpenID provider as its token verifier", () => {
  it('accepts the access token the provider issues (client_credentials, RS256, for the API\'s audience)', async () => {
    const token = await provider.serviceToken();
    expect(decodeProtectedHeader(token).alg).toBe('RS256');
    expect(decodeJwt(token)).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: provider.clients.service.clientId, role: 'case-officer', force: FORCE });
    const res = await get('/matters', token);
    expect(res.status).toBe(200);
    // Nothing has been referred for this force: the list is empty, not another force's.
    expect(res.body.items).toEqual([]);
  });

  it("takes the caller's force from the provider's token: a referral for another force is refused, naming forceId", async () => {
    const res = await fetch(`${apiUrl}/matters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await provider.serviceToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `OIDC-${run}`, kind: 'conduct-matter', forceId: `not-${FORCE}`, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }),
    });
    expect([res.status, ((await res.json()) as { field?: string }).field]).toEqual([403, 'forceId']);
  });

  it("accepts a person's access token from the authorization-code flow, in the role and force the provider vouches for", async () => {
    const token = await provider.personToken(AA);
    expect(decodeJwt(token)).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: AA.id, role: 'appropriate-authority', force: FORCE });
    expect((await get('/matters', token)).status).toBe(200);
  });

  it("takes the caller's role from the provider's token: oversight may read, and may not refer a matter (403 naming who may)", async () => {
    const token = await provider.personToken(OVERSIGHT);
    expect(decodeJwt(token)).toMatchObject({ sub: OVERSIGHT.id, role: 'oversight', force: 'iopc', forces: [FORCE] });
    expect((await get(`/matters?forceId=${FORCE}`, token)).status).toBe(200);
    const res = await fetch(`${apiUrl}/matters`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `OIDC-${run}-O`, kind: 'conduct-matter', forceId: FORCE, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] }),
    });
    const body = (await res.json()) as { rolesAllowed?: string[] };
    expect([res.status, body.rolesAllowed]).toEqual([403, [...COMMAND_GRANTS.referral.roles]]);
  });

  it('refuses a token from another issuer, even one naming the same role and force: 401', async () => {
    const foreign = await stranger.serviceToken();
    expect(decodeJwt(foreign)).toMatchObject({ aud: AUDIENCE, role: 'case-officer', force: FORCE });
    const res = await get('/matters', foreign);
    expect([res.status, res.body.message]).toEqual([401, 'the bearer token is not valid']);
  });
});
