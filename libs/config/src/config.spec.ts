import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { SERVICES, Variable } from './types';
import { VARIABLES, VariableName } from './variables';
import { checkConfig, describeProblems, plainHttpAllowed, requiredInProduction, setting, temporalTlsOn } from './config';
import { configurationTable } from './table';
import { ageBandOn } from '@conduct/domain';

const root = path.resolve(__dirname, '../../..');
const key = () => randomBytes(32).toString('base64');
const DATABASE_URL = 'postgres://conduct:s3cret-password@postgres:5432/conduct';
const names = (problems: { variable: string }[]) => problems.map((p) => p.variable);

describe('a setting', () => {
  it('is its default when unset or blank, and its parsed value when given', () => {
    expect(setting('API_TEMPORAL_TIMEOUT_MS', {})).toBe(10_000);
    expect(setting('API_TEMPORAL_TIMEOUT_MS', { API_TEMPORAL_TIMEOUT_MS: '  ' })).toBe(10_000);
    expect(setting('API_TEMPORAL_TIMEOUT_MS', { API_TEMPORAL_TIMEOUT_MS: '2500' })).toBe(2_500);
    expect(setting('TEMPORAL_UI_ORIGINS', { TEMPORAL_UI_ORIGINS: 'https://temporal.force.example, http://localhost:8080' })).toEqual(['https://temporal.force.example', 'http://localhost:8080']);
    expect(setting('AUTH_JWKS_URL', {})).toBeUndefined();
    expect(setting('API_TRUST_PROXY', { API_TRUST_PROXY: '1' })).toBe(1);
    expect(setting('API_TRUST_PROXY', { API_TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toBe('loopback, 10.0.0.0/8');
    expect(() => setting('API_TRUST_PROXY', { API_TRUST_PROXY: 'everyone' })).toThrow(/API_TRUST_PROXY: expected a number of proxies/);
  });

  it('refuses a value its declaration does not allow, naming the variable and what was expected', () => {
    expect(() => setting('OUTBOX_POLL_MS', { OUTBOX_POLL_MS: 'soon' })).toThrow("OUTBOX_POLL_MS: expected a whole number from 1, got 'soon'");
    expect(() => setting('PORT', { PORT: '70000' })).toThrow(/PORT: expected a whole number from 1 to 65535/);
    expect(() => setting('LOG_LEVEL', { LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: expected one of trace, debug, info, warn, error/);
    expect(() => setting('TEMPORAL_ADDRESS', { TEMPORAL_ADDRESS: 'http://temporal' })).toThrow(/TEMPORAL_ADDRESS: expected host:port/);
    expect(() => setting('DEADLINE_OVERRIDES', { DEADLINE_OVERRIDES: '{"no-such-rule":{"length":3}}' })).toThrow(/DEADLINE_OVERRIDES: Unknown deadline rule "no-such-rule"/);
  });

  it('never repeats a secret back in its message', () => {
    const message = (() => {
      try {
        setting('DATABASE_URL', { DATABASE_URL: 'mysql://conduct:hunter2@db/conduct' });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message).toMatch(/DATABASE_URL: expected a URL \(postgres:\/\/ or postgresql:\/\/\)/);
    expect(message).not.toContain('hunter2');
    expect(() => setting('PAYLOAD_ENCRYPTION_KEYS', { PAYLOAD_ENCRYPTION_KEYS: '{"k1": "c2hvcnQ="}' })).toThrow("PAYLOAD_ENCRYPTION_KEYS: key 'k1' must be 32 bytes (256 bits), base64");
  });
});

describe('the configuration a service is started with', () => {
  // What docker-compose.yml gave the API before: no token verifier, no payload keys.
  const composeBefore = { NODE_ENV: 'production', DATABASE_URL, TEMPORAL_ADDRESS: 'temporal:7233', TEMPORAL_NAMESPACE: 'default', TEMPORAL_TASK_QUEUE: 'misconduct-proceedings', PORT: '3000', HOST: '0.0.0.0' };

  it('in production, without a token verifier or payload keys, is refused with every problem listed in one message', () => {
    const problems = checkConfig('api', { ...composeBefore, LOG_LEVEL: 'loud' });
    expect(names(problems)).toEqual(['PAYLOAD_ENCRYPTION_KEYS', 'LOG_LEVEL', 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_JWT_SECRET']);
    const message = describeProblems('api', problems, composeBefore);
    expect(message.split('\n')).toEqual([
      'api cannot start: 3 problems in its configuration (production):',
      '  PAYLOAD_ENCRYPTION_KEYS: required in production (NODE_ENV=production), not set',
      "  LOG_LEVEL: expected one of trace, debug, info, warn, error, got 'loud'",
      '  AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_JWT_SECRET: no way to verify bearer tokens: set one (in production nothing is left to the embedded default)',
    ]);
    expect(names(checkConfig('worker', composeBefore))).toEqual(['PAYLOAD_ENCRYPTION_KEYS']);
  });

  it('in production, with a verifier and keys, starts', () => {
    const env = { ...composeBefore, AUTH_JWKS_URL: 'https://login.force.example/jwks.json', PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ '2026-1': key() }), PAYLOAD_ENCRYPTION_KEY_ID: '2026-1' };
    expect(checkConfig('api', env)).toEqual([]);
    expect(checkConfig('worker', env)).toEqual([]);
    expect(checkConfig('migrate', { NODE_ENV: 'production', DATABASE_URL })).toEqual([]);
    expect(checkConfig('dispatcher', { NODE_ENV: 'production', DATABASE_URL })).toEqual([]);
  });

  it('in production, refuses two token verifiers at once, a short shared secret, and a current key that is not among the keys', () => {
    const keys = JSON.stringify({ '2026-1': key() });
    const problems = checkConfig('api', { ...composeBefore, AUTH_JWKS_URL: 'https://login.force.example/jwks.json', AUTH_JWT_SECRET: 'short', PAYLOAD_ENCRYPTION_KEYS: keys, PAYLOAD_ENCRYPTION_KEY_ID: '2025-9' });
    expect(problems).toEqual([
      { variable: 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_JWT_SECRET', problem: 'AUTH_JWKS_URL and AUTH_JWT_SECRET are all set: set one, so no token is checked other than as intended' },
      { variable: 'AUTH_JWT_SECRET', problem: 'in production at least 32 characters' },
      { variable: 'PAYLOAD_ENCRYPTION_KEY_ID', problem: "'2025-9' is not among PAYLOAD_ENCRYPTION_KEYS" },
    ]);
  });

  it('in development keeps the embedded defaults: only the database (and for the API a way to verify tokens) must be given, as npm start does', () => {
    expect(names(checkConfig('worker', {}))).toEqual(['DATABASE_URL']);
    expect(names(checkConfig('api', {}))).toEqual(['DATABASE_URL', 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_JWT_SECRET']);
    expect(checkConfig('api', { DATABASE_URL, AUTH_JWT_SECRET: 'dev' })).toEqual([]);
  });

  it('takes sign-in with an OpenID Connect provider whole or not at all, naming what is missing', () => {
    const api = { DATABASE_URL, AUTH_JWT_SECRET: 'dev' };
    const oidc = { AUTH_OIDC_ISSUER: 'https://idp.force.example', AUTH_OIDC_CLIENT_ID: 'conduct-web', AUTH_OIDC_REDIRECT_URL: 'https://conduct.force.example/sign-in/callback' };
    expect(checkConfig('api', { ...api, ...oidc })).toEqual([]);
    expect(checkConfig('api', { ...api, AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toEqual([
      { variable: 'AUTH_OIDC_CLIENT_ID / AUTH_OIDC_REDIRECT_URL', problem: 'sign-in with an OpenID Connect provider needs AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID, AUTH_OIDC_REDIRECT_URL together: AUTH_OIDC_ISSUER is set, not AUTH_OIDC_CLIENT_ID nor AUTH_OIDC_REDIRECT_URL' },
    ]);
    expect(names(checkConfig('api', { ...api, ...oidc, AUTH_OIDC_REDIRECT_URL: 'ftp://conduct/callback' }))).toEqual(['AUTH_OIDC_REDIRECT_URL']);
    // Plain http only to a provider on this machine (the tests' own); anywhere else the sign-in would travel in clear.
    expect(checkConfig('api', { ...api, ...oidc, AUTH_OIDC_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
    expect(checkConfig('api', { ...api, ...oidc, AUTH_OIDC_ISSUER: 'http://idp.force.example' })).toEqual([
      { variable: 'AUTH_OIDC_ISSUER', problem: "sign-in over plain http only to a provider on this machine (localhost, 127.0.0.1, [::1]) or a local trial's named in AUTH_PLAIN_HTTP_HOSTS: use https" },
    ]);
    expect(plainHttpAllowed(new URL('http://localhost:4000'))).toBe(true);
    expect(plainHttpAllowed(new URL('http://[::1]:4000/realm'))).toBe(true);
    expect(plainHttpAllowed(new URL('https://localhost'))).toBe(false);
    // The worker never signs anyone in.
    expect(checkConfig('worker', { DATABASE_URL, AUTH_OIDC_ISSUER: oidc.AUTH_OIDC_ISSUER })).toEqual([]);
  });

  it('refuses an invalid value in development too', () => {
    expect(checkConfig('worker', { DATABASE_URL, WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toEqual([{ variable: 'WORKER_MAX_CACHED_WORKFLOWS', problem: "expected a whole number, got 'lots'" }]);
    expect(checkConfig('worker', { DATABASE_URL, NODE_ENV: 'prod' })).toEqual([{ variable: 'NODE_ENV', problem: "expected one of development, test, production, got 'prod'" }]);
  });

  it("checks a variable further with its owner's parser when the service passes one", () => {
    const routes = (text: string) => {
      if (text.includes('fax')) throw new Error('forces.f1.case-officer: a route is {"email"}, {"webhook","secret"} or {"log": true}');
    };
    expect(checkConfig('worker', { DATABASE_URL, NOTIFICATION_ROUTES: '{"forces":{"f1":{"case-officer":{"fax":"1"}}}}' }, { NOTIFICATION_ROUTES: routes })).toEqual([
      { variable: 'NOTIFICATION_ROUTES', problem: 'forces.f1.case-officer: a route is {"email"}, {"webhook","secret"} or {"log": true}' },
    ]);
  });

  it('connects to Temporal over TLS only with what TLS needs: a client certificate with its key, readable PEM files, TLS on', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'config-tls-'));
    try {
      const cert = path.join(dir, 'client.pem');
      fs.writeFileSync(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const notPem = path.join(dir, 'client.der');
      fs.writeFileSync(notPem, 'binary');
      expect(checkConfig('worker', { DATABASE_URL, TEMPORAL_TLS_CERT_FILE: cert })).toEqual([
        { variable: 'TEMPORAL_TLS_KEY_FILE', problem: 'mTLS to Temporal needs the client certificate and its key together: TEMPORAL_TLS_CERT_FILE is set, TEMPORAL_TLS_KEY_FILE is not' },
      ]);
      expect(checkConfig('api', { DATABASE_URL, AUTH_JWT_SECRET: 'dev', TEMPORAL_TLS_CA_FILE: path.join(dir, 'missing.pem'), TEMPORAL_TLS_CERT_FILE: cert, TEMPORAL_TLS_KEY_FILE: notPem })).toEqual([
        { variable: 'TEMPORAL_TLS_CA_FILE', problem: `expected a readable file, got '${path.join(dir, 'missing.pem')}'` },
        { variable: 'TEMPORAL_TLS_KEY_FILE', problem: `expected a PEM file (-----BEGIN ...-----), got '${notPem}'` },
      ]);
      // An API key or a client certificate in clear is refused, and the key is never repeated back.
      const off = checkConfig('worker', { DATABASE_URL, TEMPORAL_TLS: 'off', TEMPORAL_API_KEY: 'cloud-secret-key' });
      expect(off).toEqual([{ variable: 'TEMPORAL_TLS', problem: 'is off, but TEMPORAL_API_KEY is set: they need TLS (a client certificate or an API key is never sent in clear); set TEMPORAL_TLS=on or leave it unset' }]);
      expect(JSON.stringify(off)).not.toContain('cloud-secret-key');
      expect(checkConfig('worker', { DATABASE_URL, TEMPORAL_API_KEY: 'cloud-secret-key' })).toEqual([]);
      expect(temporalTlsOn({ TEMPORAL_API_KEY: 'k' })).toBe(true);
      expect(temporalTlsOn({ TEMPORAL_TLS: 'on' })).toBe(true);
      expect(temporalTlsOn({})).toBe(false);
      // The migrations never connect to Temporal.
      expect(checkConfig('migrate', { DATABASE_URL, TEMPORAL_TLS_CERT_FILE: cert })).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names what each service must be given in production', () => {
    expect(requiredInProduction('api')).toEqual([['NODE_ENV'], ['DATABASE_URL'], ['TEMPORAL_ADDRESS'], ['PAYLOAD_ENCRYPTION_KEYS'], ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_JWT_SECRET']]);
    expect(requiredInProduction('migrate')).toEqual([['NODE_ENV'], ['DATABASE_URL']]);
  });
});

describe('the declarations', () => {
  it("give each default as a value the variable's own parser would give", () => {
    for (const [name, v] of Object.entries(VARIABLES) as [VariableName, Variable<unknown>][]) {
      if (v.default === undefined) continue;
      const d = v.default;
      const text = Array.isArray(d) ? d.join(',') : typeof d === 'object' ? JSON.stringify(d) : String(d);
      expect([name, setting(name, { [name]: text })]).toEqual([name, d]);
    }
  });

  it('each name a service or npm start as their reader', () => {
    for (const v of Object.values(VARIABLES) as Variable<unknown>[]) expect(v.readBy.length).toBeGreaterThan(0);
    expect(SERVICES).toEqual(['api', 'worker', 'migrate', 'dispatcher']);
  });
});

describe("the services' sources", () => {
  function sources(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return sources(p);
      return /\.ts$/.test(e.name) && !/\.(spec|int-spec|test)\.ts$/.test(e.name) ? [p] : [];
    });
  }

  it("read no environment variable but through libs/config (npm start's TypeScript too; its .js launchers run before TypeScript can)", () => {
    const offences = ['apps', 'libs', 'tools']
      .flatMap((d) => sources(path.join(root, d)))
      .filter((f) => !f.includes(`${path.sep}libs${path.sep}config${path.sep}`))
      .flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/\b(?:process\.env|env)(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g)].map((m) => `${path.relative(root, f)} reads ${m[1] ?? m[2]}`));
    expect(offences).toEqual([]);
  });
});

describe("the README's configuration table", () => {
  const readme = path.join(root, 'README.md');
  const BEGIN = '<!-- configuration: printed from libs/config/src/variables.ts; UPDATE_README=1 rewrites it -->';
  const END = '<!-- end of configuration -->';

  it('is the declarations, one row per variable, and nothing else', () => {
    const text = fs.readFileSync(readme, 'utf8');
    const start = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const table = text.slice(start + BEGIN.length, end).trim();
    if (process.env.UPDATE_README === '1' && table !== configurationTable()) {
      fs.writeFileSync(readme, text.slice(0, start + BEGIN.length) + '\n' + configurationTable() + '\n' + text.slice(end));
      return;
    }
    expect(table).toBe(configurationTable());
    const rows = table.split('\n').slice(2).map((r) => r.match(/^\| `([A-Z0-9_]+)` \|/)?.[1]);
    expect(rows).toEqual(Object.keys(VARIABLES));
  });
});

describe('the panel rules and the forces\' investigator settings', () => {
  it('PANEL_RULES overrides an unconfirmed composition and keys panels on the notice of referral; an override of a confirmed one stops the API at start', () => {
    expect(setting('PANEL_RULES', { PANEL_RULES: '{"keyedOn": "notice-of-referral", "compositions": {"rules-2024": {"accelerated-hearing": {"independentMembers": 2}}}}' })).toEqual({
      keyedOn: 'notice-of-referral',
      compositions: { 'rules-2024': { 'accelerated-hearing': { independentMembers: 2 } } },
    });
    expect(setting('PANEL_RULES', {})).toEqual({});
    const refused = checkConfig('api', { PANEL_RULES: '{"compositions": {"rules-2024": {"misconduct-hearing": {"independentMembers": 1}}}}' });
    expect(refused.map((p) => p.problem).join()).toMatch(/confirmed .*cannot be overridden/);
    expect(checkConfig('api', { PANEL_RULES: '{"keyedOn": "hearing-date"}' }).map((p) => p.problem).join()).toMatch(/keyedOn must be one of matter-rule-set, notice-of-referral/);
  });

  it("EARLY_INTERVENTION_RULES takes a force's own rules, and names each problem in a rule it refuses", () => {
    const own = [{ id: 'two-in-6-months', kind: 'allegations-within', count: 2, months: 6, words: 'two allegations within 6 months' }];
    expect(setting('EARLY_INTERVENTION_RULES', { EARLY_INTERVENTION_RULES: JSON.stringify({ 'force-a': own }) })).toEqual({ 'force-a': own });
    expect(setting('EARLY_INTERVENTION_RULES', {})).toEqual({});
    const refused = checkConfig('api', { EARLY_INTERVENTION_RULES: '{"force-a": [{"id": "x", "kind": "allegations-within", "count": 1, "months": 12, "words": "w"}]}' });
    expect(refused.map((p) => p.problem).join()).toMatch(/EARLY_INTERVENTION_RULES\.force-a\[0\]\.count must be a whole number of at least 2/);
    expect(checkConfig('api', { EARLY_INTERVENTION_RULES: 'three strikes' }).map((p) => p.problem).join()).toMatch(/expected JSON/);
  });

  it("HOME_OFFICE_AGE_BANDS replaces the return's [U] age bands, and names each problem in bands it refuses", () => {
    const bands = [{ code: 'under-30', from: 0, to: 29 }, { code: '30-and-over', from: 30, to: null }];
    expect(setting('HOME_OFFICE_AGE_BANDS', { HOME_OFFICE_AGE_BANDS: JSON.stringify(bands) })).toEqual(bands);
    // Unset: ageBandOn's own default, the engine's bands.
    expect(setting('HOME_OFFICE_AGE_BANDS', {})).toBeUndefined();
    expect(ageBandOn('1982-11-30', '2018-11-30', setting('HOME_OFFICE_AGE_BANDS', {}))).toBe('36-45');
    const refused = checkConfig('api', { HOME_OFFICE_AGE_BANDS: '[{"code": "young", "from": 0, "to": 29}, {"code": "old", "from": 31, "to": null}]' });
    expect(refused.map((p) => p.problem).join()).toMatch(/HOME_OFFICE_AGE_BANDS\[1\]\.from must be 30/);
    expect(checkConfig('api', { HOME_OFFICE_AGE_BANDS: 'young, old' }).map((p) => p.problem).join()).toMatch(/expected JSON/);
  });

  it('INVESTIGATOR_FORCE_SETTINGS takes a setting per force and refuses an unknown one', () => {
    expect(setting('INVESTIGATOR_FORCE_SETTINGS', { INVESTIGATOR_FORCE_SETTINGS: '{"force-a": {"refuseInvestigatorFromSubjectsUnit": true}}' })).toEqual({ 'force-a': { refuseInvestigatorFromSubjectsUnit: true } });
    expect(checkConfig('api', { INVESTIGATOR_FORCE_SETTINGS: '{"force-a": {"refuseEveryone": true}}' }).map((p) => p.problem).join()).toMatch(/unknown setting refuseEveryone/);
  });
});
