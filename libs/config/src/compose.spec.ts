import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { parseEnv } from 'util';
import { parse } from 'yaml';
import { Service } from './types';
import { Problem, checkConfig, requiredInProduction } from './config';

/**
 * docker-compose.yml is what a department's operators run. Each engine service must be given, by its own
 * environment or by the env file, everything the configuration requires in production; without the env file it
 * must stop at start naming exactly what the env file gives.
 */
const root = path.resolve(__dirname, '../../..');
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as { services: Record<string, ComposeService> };
const example = parseEnv(fs.readFileSync(path.join(root, '.env.example'), 'utf8')) as Record<string, string>;
const ENGINE: Record<string, { service: Service; main: string }> = {
  api: { service: 'api', main: 'apps/api/src/main.ts' },
  worker: { service: 'worker', main: 'apps/worker/src/main.ts' },
  migrate: { service: 'migrate', main: 'libs/persistence/src/migrate.ts' },
};

interface ComposeService {
  env_file?: string | string[];
  environment?: Record<string, string | number> | string[];
  command?: string[];
}

/** An operator's filled-in .env: the example's names, with values that are real (random keys, a long password). */
const filledIn: Record<string, string> = {
  ...example,
  POSTGRES_PASSWORD: randomBytes(16).toString('hex'),
  PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ [example.PAYLOAD_ENCRYPTION_KEY_ID]: randomBytes(32).toString('base64') }),
};

/** `${NAME}`, `${NAME:?message}` and `${NAME:-default}`, as compose fills them from .env. */
function interpolate(text: string, dotenv: Record<string, string>): string {
  return text.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => {
    if (dotenv[name]) return dotenv[name];
    if (op === '-') return rest ?? '';
    throw new Error(`compose would stop: ${name} is not set (${rest ?? ''})`);
  });
}

/** The variables a compose service is started with: its `environment`, and its env file unless left out. */
function environmentOf(name: string, dotenv: Record<string, string>, withEnvFile: boolean): Record<string, string> {
  const s = compose.services[name];
  const listed = Array.isArray(s.environment) ? Object.fromEntries(s.environment.map((e) => e.split(/=(.*)/s).slice(0, 2))) : (s.environment ?? {});
  const own = Object.fromEntries(Object.entries(listed).map(([k, v]) => [k, interpolate(String(v), dotenv)]));
  const files = s.env_file === undefined ? [] : Array.isArray(s.env_file) ? s.env_file : [s.env_file];
  expect(files.every((f) => f === '.env')).toBe(true);
  return { ...(withEnvFile && files.length ? dotenv : {}), ...own };
}

describe('docker-compose.yml', () => {
  it.each(Object.keys(ENGINE))('gives the %s service every variable it requires in production, from its environment or the env file', (name) => {
    const env = environmentOf(name, filledIn, true);
    expect(env.NODE_ENV).toBe('production');
    const missing = requiredInProduction(ENGINE[name].service).filter((oneOf) => !oneOf.some((v) => env[v] !== undefined && env[v] !== ''));
    expect(missing).toEqual([]);
    expect(checkConfig(ENGINE[name].service, env)).toEqual([]);
  });

  it('runs each engine service from its own entry point', () => {
    for (const [name, { main }] of Object.entries(ENGINE)) expect(compose.services[name].command?.join(' ')).toContain(main);
  });

  it("takes the secrets from the env file only, and the example's placeholders are refused rather than used", () => {
    expect(compose.services.migrate.env_file).toBeUndefined();
    const asExample = environmentOf('api', example, true);
    expect(checkConfig('api', asExample).map((p) => p.variable)).toEqual(['PAYLOAD_ENCRYPTION_KEYS']);
  });
});

/** Runs a service's entry point as the image would, with exactly this environment; its exit code and stderr. */
function start(main: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'tools/run-ts.js'), main], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("the compose file's environment without the env file", () => {
  it('stops the api and the worker at start with one line naming what the env file would have given, and exit code 78', async () => {
    const [api, worker] = await Promise.all(['api', 'worker'].map((name) => start(ENGINE[name].main, environmentOf(name, filledIn, false))));
    const lines = (r: { stderr: string }) => r.stderr.trim().split('\n').map((l) => JSON.parse(l) as { level: string; service: string; message: string; problems: Problem[] });
    expect(api.code).toBe(78);
    expect(lines(api)).toHaveLength(1);
    expect(lines(api)[0]).toMatchObject({ level: 'error', service: 'api' });
    expect(lines(api)[0].problems.map((p) => p.variable)).toEqual(['PAYLOAD_ENCRYPTION_KEYS', 'AUTH_JWKS_URL / AUTH_PUBLIC_KEY / AUTH_JWT_SECRET']);
    expect(lines(api)[0].message).toMatch(/^api cannot start: 2 problems in its configuration \(production\):\n  PAYLOAD_ENCRYPTION_KEYS: required in production/);
    expect(worker.code).toBe(78);
    expect(lines(worker).map((l) => l.problems.map((p) => p.variable))).toEqual([['PAYLOAD_ENCRYPTION_KEYS']]);
  }, 120_000);
});
