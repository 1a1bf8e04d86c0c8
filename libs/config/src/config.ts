import { logLine } from '@conduct/logging';
import { Service, Variable } from './types';
import { VARIABLES, ValueOf, VariableName } from './variables';

export interface Problem {
  variable: string;
  problem: string;
}

type Env = Readonly<Record<string, string | undefined>>;
const declared = (name: VariableName): Variable<unknown> => VARIABLES[name];

/** A variable's text, or undefined when unset or blank. */
function given(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v.trim() === '' ? undefined : v;
}

function parse<N extends VariableName>(env: Env, name: N): { ok: true; value: ValueOf<N> } | { ok: false; problem: string } {
  const v = declared(name);
  const text = given(env, name);
  if (text === undefined) return { ok: true, value: v.default as ValueOf<N> };
  const result = v.type.safeParse(text);
  if (result.success) return { ok: true, value: result.data as ValueOf<N> };
  const what = [...new Set(result.error.issues.map((i) => i.message))].join('; ');
  // A secret's text is never repeated back (it would land in the logs).
  return { ok: false, problem: v.secret ? what : `${what}, got '${text.length > 60 ? `${text.slice(0, 57)}...` : text}'` };
}

/**
 * One variable's value, through its declared parser, or its default when unset; a value its parser refuses
 * throws, naming the variable. Every reader of the environment goes through here.
 */
export function setting<N extends VariableName>(name: N, env: Env = process.env): ValueOf<N> {
  const r = parse(env, name);
  if (!r.ok) throw new Error(`${name}: ${r.problem}`);
  return r.value;
}

/** Whether a variable is given at all (a blank value is not). */
export function isSet(name: VariableName, env: Env = process.env): boolean {
  return given(env, name) !== undefined;
}

export function isProduction(env: Env = process.env): boolean {
  return given(env, 'NODE_ENV') === 'production';
}

/** The token verifiers the API may be given; in production exactly one. */
export const TOKEN_VERIFIERS = ['AUTH_JWKS_URL', 'AUTH_PUBLIC_KEY', 'AUTH_JWT_SECRET'] as const satisfies readonly VariableName[];
/** Plain http to an identity provider only on this machine (a provider the tests start), or to a local trial's provider named in AUTH_PLAIN_HTTP_HOSTS. */
export function plainHttpAllowed(url: URL, env: Env = process.env): boolean {
  const trial = parse(env, 'AUTH_PLAIN_HTTP_HOSTS');
  const named = trial.ok && trial.value ? trial.value : [];
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]', ...named].includes(url.hostname);
}

/** What sign-in with an OpenID Connect provider cannot do without: all of them, or none (the development sign-in). */
export const OIDC_SIGN_IN = ['AUTH_OIDC_ISSUER', 'AUTH_OIDC_CLIENT_ID', 'AUTH_OIDC_REDIRECT_URL'] as const satisfies readonly VariableName[];
/** HS256's key should be at least as long as its hash (RFC 7518 §3.2): 32 bytes. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** What connects to Temporal over TLS when given (TEMPORAL_TLS left unset then means on). */
export const TEMPORAL_TLS_IMPLIED_BY = ['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_API_KEY'] as const satisfies readonly VariableName[];
/** A client certificate and its key: one is no use without the other. */
export const TEMPORAL_CLIENT_CERTIFICATE = ['TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE'] as const satisfies readonly VariableName[];

/** Whether the engine connects to Temporal over TLS: as TEMPORAL_TLS says, else when anything that needs TLS is given. */
export function temporalTlsOn(env: Env = process.env): boolean {
  const said = given(env, 'TEMPORAL_TLS');
  if (said !== undefined) return said === 'on';
  return TEMPORAL_TLS_IMPLIED_BY.some((n) => given(env, n) !== undefined);
}

/** The rules that span variables, each for the services it concerns. */
const RULES: { services: readonly Service[]; check: (env: Env, production: boolean) => Problem | undefined }[] = [
  {
    services: ['api'],
    check: (env, production) => {
      const set = TOKEN_VERIFIERS.filter((n) => given(env, n) !== undefined);
      const variable = TOKEN_VERIFIERS.join(' / ');
      if (set.length === 0)
        return { variable, problem: `no way to verify bearer tokens: set one${production ? ' (in production nothing is left to the embedded default)' : ' (npm start sets a secret for the embedded default)'}` };
      if (production && set.length > 1) return { variable, problem: `${set.join(' and ')} are all set: set one, so no token is checked other than as intended` };
      return undefined;
    },
  },
  {
    services: ['api'],
    check: (env, production) => {
      const secret = given(env, 'AUTH_JWT_SECRET');
      if (production && secret !== undefined && secret.length < MIN_JWT_SECRET_LENGTH) return { variable: 'AUTH_JWT_SECRET', problem: `in production at least ${MIN_JWT_SECRET_LENGTH} characters` };
      return undefined;
    },
  },
  {
    services: ['api'],
    check: (env) => {
      const set = OIDC_SIGN_IN.filter((n) => given(env, n) !== undefined);
      if (set.length === 0 || set.length === OIDC_SIGN_IN.length) return undefined;
      const missing = OIDC_SIGN_IN.filter((n) => !set.includes(n));
      return { variable: missing.join(' / '), problem: `sign-in with an OpenID Connect provider needs ${OIDC_SIGN_IN.join(', ')} together: ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set, not ${missing.join(' nor ')}` };
    },
  },
  {
    services: ['api'],
    check: (env) => {
      const issuer = parse(env, 'AUTH_OIDC_ISSUER');
      if (!issuer.ok || !issuer.value) return undefined;
      const url = new URL(issuer.value);
      if (url.protocol === 'http:' && !plainHttpAllowed(url, env))
        return { variable: 'AUTH_OIDC_ISSUER', problem: 'sign-in over plain http only to a provider on this machine (localhost, 127.0.0.1, [::1]) or a local trial\'s named in AUTH_PLAIN_HTTP_HOSTS: use https' };
      return undefined;
    },
  },
  {
    services: ['api', 'worker'],
    check: (env) => {
      const set = TEMPORAL_CLIENT_CERTIFICATE.filter((n) => given(env, n) !== undefined);
      if (set.length !== 1) return undefined;
      const missing = TEMPORAL_CLIENT_CERTIFICATE.find((n) => !set.includes(n))!;
      return { variable: missing, problem: `mTLS to Temporal needs the client certificate and its key together: ${set[0]} is set, ${missing} is not` };
    },
  },
  {
    services: ['api', 'worker'],
    check: (env) => {
      if (given(env, 'TEMPORAL_TLS') !== 'off') return undefined;
      const set = TEMPORAL_TLS_IMPLIED_BY.filter((n) => given(env, n) !== undefined);
      if (set.length === 0) return undefined;
      return { variable: 'TEMPORAL_TLS', problem: `is off, but ${set.join(' and ')} ${set.length === 1 ? 'is' : 'are'} set: they need TLS (a client certificate or an API key is never sent in clear); set TEMPORAL_TLS=on or leave it unset` };
    },
  },
  {
    services: ['api', 'worker'],
    check: (env) => {
      const id = given(env, 'PAYLOAD_ENCRYPTION_KEY_ID');
      if (id === undefined) return undefined;
      if (given(env, 'PAYLOAD_ENCRYPTION_KEYS') === undefined) return { variable: 'PAYLOAD_ENCRYPTION_KEY_ID', problem: 'names a key, but PAYLOAD_ENCRYPTION_KEYS is not set' };
      const keys = parse(env, 'PAYLOAD_ENCRYPTION_KEYS');
      if (keys.ok && keys.value && !(id in keys.value)) return { variable: 'PAYLOAD_ENCRYPTION_KEY_ID', problem: `'${id}' is not among PAYLOAD_ENCRYPTION_KEYS` };
      return undefined;
    },
  },
];

/** Checks a variable's value further with its owner's own parser (routes, escalation policy), which throws what is wrong. */
export type DeeperChecks = Partial<Record<VariableName, (text: string) => unknown>>;

/**
 * Every problem with a service's configuration, all at once: each of its variables through its parser, those it
 * requires (always, or in production), and the rules that span variables. Empty: it may start.
 */
export function checkConfig(service: Service, env: Env = process.env, deeper: DeeperChecks = {}): Problem[] {
  const production = isProduction(env);
  const problems: Problem[] = [];
  for (const name of Object.keys(VARIABLES) as VariableName[]) {
    const v = declared(name);
    if (name !== 'NODE_ENV' && !v.readBy.includes(service)) continue;
    const text = given(env, name);
    if (text === undefined) {
      if (v.required === 'always') problems.push({ variable: name, problem: 'required, not set' });
      else if (v.required === 'production' && production) problems.push({ variable: name, problem: 'required in production (NODE_ENV=production), not set' });
      continue;
    }
    const r = parse(env, name);
    if (!r.ok) problems.push({ variable: name, problem: r.problem });
    else if (deeper[name]) {
      try {
        deeper[name]!(text);
      } catch (e) {
        problems.push({ variable: name, problem: (e as Error).message });
      }
    }
  }
  for (const rule of RULES) {
    if (!rule.services.includes(service)) continue;
    const p = rule.check(env, production);
    if (p) problems.push(p);
  }
  return problems;
}

export function describeProblems(service: Service, problems: readonly Problem[], env: Env = process.env): string {
  const profile = isProduction(env) ? 'production' : given(env, 'NODE_ENV') ?? 'development';
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return [`${service} cannot start: ${count} in its configuration (${profile}):`, ...problems.map((p) => `  ${p.variable}: ${p.problem}`)].join('\n');
}

/**
 * The first thing each service does: with any problem in its configuration it stops here, with one message
 * listing them all and exit code 78 (EX_CONFIG), before it connects to anything or records anything.
 */
export function exitUnlessConfigured(service: Service, deeper: DeeperChecks = {}, env: Env = process.env): void {
  const problems = checkConfig(service, env, deeper);
  if (problems.length === 0) return;
  logLine(service, 'error', describeProblems(service, problems, env), { problems });
  process.exit(EXIT_CONFIGURATION);
}

/** sysexits.h's EX_CONFIG: a supervisor can tell a configuration to fix from a crash to restart. */
export const EXIT_CONFIGURATION = 78;

/**
 * What a service must be given in production, as groups of which one must be set: each variable it requires (a
 * group of one), and for the API one of the token verifiers.
 */
export function requiredInProduction(service: Service): string[][] {
  const own = (Object.keys(VARIABLES) as VariableName[]).filter((n) => {
    const v = declared(n);
    return v.readBy.includes(service) && (v.required === 'always' || v.required === 'production');
  });
  return [['NODE_ENV'], ...own.map((n) => [n]), ...(service === 'api' ? [[...TOKEN_VERIFIERS]] : [])];
}
