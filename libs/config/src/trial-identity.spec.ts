import * as fs from 'fs';
import * as path from 'path';
import { parseEnv } from 'util';
import { parse } from 'yaml';
import { ROLES } from '@conduct/domain';
import { checkConfig, plainHttpAllowed } from './config';
import { userFromClaims } from '../../../apps/api/src/auth/user';

/**
 * The local trial's identity provider (docker compose --profile trial): its realm, the values a trial's .env takes
 * from deploy/trial-identity/trial.env, and the compose service must agree, or nobody can sign in. Keycloak itself is
 * not started here (no container engine); the realm was tried against Keycloak 26.4.5 by hand (see the folder's notes).
 */
const root = path.resolve(__dirname, '../../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; profiles?: string[]; environment?: Record<string, string>; volumes?: string[]; ports?: string[] }>;
};
const trial = parseEnv(fs.readFileSync(path.join(root, 'deploy/trial-identity/trial.env'), 'utf8')) as Record<string, string>;
const example = parseEnv(fs.readFileSync(path.join(root, '.env.example'), 'utf8')) as Record<string, string>;
interface Mapper {
  protocolMapper: string;
  config: Record<string, string>;
}
const realm = JSON.parse(fs.readFileSync(path.join(root, 'deploy/trial-identity/psd-realm.json'), 'utf8')) as {
  realm: string;
  clients: { clientId: string; secret: string; publicClient: boolean; standardFlowEnabled: boolean; directAccessGrantsEnabled: boolean; redirectUris: string[]; attributes: Record<string, string>; protocolMappers: Mapper[] }[];
  users: { username: string; attributes: Record<string, string[]>; credentials: { value: string; temporary: boolean }[] }[];
  components: Record<string, { config: Record<string, string[]> }[]>;
};
const identity = compose.services.identity;
const web = realm.clients.find((c) => c.clientId === trial.AUTH_OIDC_CLIENT_ID)!;

describe("the local trial's identity provider", () => {
  it('runs only in the trial profile, with the realm mounted for import, at the address the issuer names', () => {
    expect(identity.profiles).toEqual(['trial']);
    expect(identity.volumes).toContain('./deploy/trial-identity/psd-realm.json:/opt/keycloak/data/import/psd-realm.json:ro');
    const issuer = new URL(trial.AUTH_ISSUER);
    expect(`${identity.environment!.KC_HOSTNAME}/realms/${realm.realm}`).toBe(trial.AUTH_ISSUER);
    expect(identity.ports).toEqual([`${issuer.port}:${identity.environment!.KC_HTTP_PORT}`]);
    // The api reaches it by its service name on the compose network, at the port it listens on.
    for (const inside of [trial.AUTH_JWKS_URL, trial.AUTH_OIDC_ISSUER]) expect(new URL(inside).host).toBe(`identity:${identity.environment!.KC_HTTP_PORT}`);
    expect(trial.AUTH_OIDC_ISSUER).toBe(`http://identity:${identity.environment!.KC_HTTP_PORT}/realms/${realm.realm}/.well-known/openid-configuration`);
    expect(identity.environment!.KC_HOSTNAME_BACKCHANNEL_DYNAMIC).toBe('true');
  });

  it("gives the api a configuration it accepts in production, plain http allowed to that provider only", () => {
    const env: Record<string, string> = { ...example, PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ [example.PAYLOAD_ENCRYPTION_KEY_ID]: Buffer.alloc(32, 7).toString('base64') }), ...trial, NODE_ENV: 'production', DATABASE_URL: 'postgres://conduct:x@postgres:5432/conduct', TEMPORAL_ADDRESS: 'temporal:7233' };
    expect(checkConfig('api', env)).toEqual([]);
    expect(plainHttpAllowed(new URL(trial.AUTH_OIDC_ISSUER), env)).toBe(true);
    expect(plainHttpAllowed(new URL('http://login.force.example/realms/psd'), env)).toBe(false);
    const { AUTH_PLAIN_HTTP_HOSTS: _, ...withoutTheTrialHost } = env;
    expect(checkConfig('api', withoutTheTrialHost).map((p) => p.variable)).toEqual(['AUTH_OIDC_ISSUER']);
  });

  it('registers the web interface as a confidential client with PKCE, its callback and sign-out page, and nothing else', () => {
    expect(web).toMatchObject({ secret: trial.AUTH_OIDC_CLIENT_SECRET, publicClient: false, standardFlowEnabled: true, directAccessGrantsEnabled: false });
    expect(web.redirectUris).toEqual([trial.AUTH_OIDC_REDIRECT_URL]);
    expect(web.attributes).toMatchObject({ 'pkce.code.challenge.method': 'S256', 'post.logout.redirect.uris': trial.AUTH_OIDC_POST_LOGOUT_REDIRECT_URL });
  });

  it("puts role, force and forces in the ID and access tokens, and the engine's audience in the access token", () => {
    const claims = web.protocolMappers.filter((m) => m.protocolMapper === 'oidc-usermodel-attribute-mapper').map((m) => m.config);
    expect(claims.map((c) => [c['user.attribute'], c['claim.name'], c['id.token.claim'], c['access.token.claim'], c.multivalued])).toEqual([
      ['role', 'role', 'true', 'true', 'false'],
      ['force', 'force', 'true', 'true', 'false'],
      ['forces', 'forces', 'true', 'true', 'true'],
    ]);
    const audience = web.protocolMappers.find((m) => m.protocolMapper === 'oidc-audience-mapper')!.config;
    expect(audience).toMatchObject({ 'included.custom.audience': trial.AUTH_AUDIENCE, 'access.token.claim': 'true' });
  });

  it('has one made-up person per role, each accepted by the engine as its tokens would name them, and none may change their own role', () => {
    const people = realm.users.map((u) => {
      const claims = { sub: u.username, role: u.attributes.role?.[0], force: u.attributes.force?.[0], ...(u.attributes.forces ? { forces: u.attributes.forces } : {}) };
      return userFromClaims(claims, 'ID token');
    });
    expect(people.every((p) => 'user' in p)).toBe(true);
    expect(people.map((p) => ('user' in p ? p.user.role : null)).sort()).toEqual([...ROLES].sort());
    expect(realm.users.every((u) => u.credentials.every((c) => c.value === 'trial' && !c.temporary))).toBe(true);
    const profile = JSON.parse(realm.components['org.keycloak.userprofile.UserProfileProvider'][0].config['kc.user.profile.config'][0]) as { unmanagedAttributePolicy: string };
    // role, force and forces are not declared in the user profile: only administrators see and change them.
    expect(profile.unmanagedAttributePolicy).toBe('ADMIN_EDIT');
  });
});
