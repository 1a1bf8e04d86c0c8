import { spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseEnv } from 'util';
import { parse } from 'yaml';
import { Service } from './types';
import { Problem, checkConfig, requiredInProduction } from './config';
import { ENTRY_POINTS, WORKFLOW_BUNDLE_FILE, builtPath } from '../../../tools/artefacts';

/**
 * docker-compose.yml is what a department's operators run. Each engine service must be given, by its own
 * environment or by the env file, everything the configuration requires in production; without the env file it
 * must stop at start naming exactly what the env file gives.
 */
const root = path.resolve(__dirname, '../../..');
// Merge keys (`<<: *engine`) as compose reads them.
const compose = parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
const example = parseEnv(fs.readFileSync(path.join(root, '.env.example'), 'utf8')) as Record<string, string>;
const ENGINE: Record<string, { service: Service; main: string }> = {
  api: { service: 'api', main: ENTRY_POINTS.api },
  worker: { service: 'worker', main: ENTRY_POINTS.worker },
  migrate: { service: 'migrate', main: ENTRY_POINTS.migrate },
};

interface ComposeService {
  image?: string;
  env_file?: string | string[];
  environment?: Record<string, string | number> | string[];
  command?: string[] | string;
  entrypoint?: string[];
  restart?: string;
  depends_on?: string[] | Record<string, { condition: string }>;
  ports?: string[];
  healthcheck?: { test: string[] };
}

/** An operator's filled-in .env: the example's names, with values that are real (random keys, a long password). */
const filledIn: Record<string, string> = {
  ...example,
  POSTGRES_PASSWORD: randomBytes(16).toString('hex'),
  PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ [example.PAYLOAD_ENCRYPTION_KEY_ID]: randomBytes(32).toString('base64') }),
};

/**
 * The image's own files, as the image has them (`/app` is the Dockerfile's WORKDIR). The prebuilt workflow bundle is
 * `npm run build`'s to make (the production suite runs it); a stand-in file takes its place here.
 */
const bundleStandIn = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-compose-')), 'workflow-bundle.js');
fs.writeFileSync(bundleStandIn, '');
function asInTheImage(env: Record<string, string>): Record<string, string> {
  return env.WORKFLOW_BUNDLE_PATH === `/app/${WORKFLOW_BUNDLE_FILE}` ? { ...env, WORKFLOW_BUNDLE_PATH: bundleStandIn } : env;
}

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
    expect(checkConfig(ENGINE[name].service, asInTheImage(env))).toEqual([]);
  });

  it('runs each engine service from its built entry point with plain node, never through ts-node', () => {
    for (const [name, { main }] of Object.entries(ENGINE)) expect(compose.services[name].command).toEqual(['node', builtPath(main)]);
  });

  it("takes the secrets from the env file only, and the example's placeholders are refused rather than used", () => {
    expect(compose.services.migrate.env_file).toBeUndefined();
    const asExample = environmentOf('api', example, true);
    expect(checkConfig('api', asExample).map((p) => p.variable)).toEqual(['PAYLOAD_ENCRYPTION_KEYS']);
  });
});

/** What a service waits for, and on what condition (`service_started` for a plain list, as compose reads it). */
function waitsFor(name: string): Record<string, string> {
  const d = compose.services[name].depends_on ?? [];
  return Array.isArray(d) ? Object.fromEntries(d.map((n) => [n, 'service_started'])) : Object.fromEntries(Object.entries(d).map(([n, c]) => [n, c.condition]));
}

describe("docker-compose.yml's stack", () => {
  const services = compose.services;

  it('pins every image by version (never `latest`, never a bare name)', () => {
    for (const [name, s] of Object.entries(services)) expect([name, s.image]).toEqual([name, expect.stringMatching(/^[a-z0-9./_-]+:\d+(\.\d+)+[\w.-]*$/)]);
  });

  it("runs Temporal's own server on PostgreSQL, its schema created and upgraded first by Temporal's SQL tool as a one-off", () => {
    const [, serverVersion] = services.temporal.image!.split(':');
    expect(services.temporal.image).toMatch(/^temporalio\/server:/);
    expect(services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres', DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
    expect(waitsFor('temporal')).toEqual({ 'temporal-schema': 'service_completed_successfully' });
    const schema = services['temporal-schema'];
    expect(schema.image).toBe(`temporalio/admin-tools:${serverVersion}`);
    expect(schema.restart).toBe('no');
    expect(waitsFor('temporal-schema')).toEqual({ postgres: 'service_healthy' });
    const script = [schema.command].flat().join('\n');
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d "/etc/temporal/schema/postgresql/v12/$$schema/versioned"']) expect(script).toContain(`temporal-sql-tool --db "$$name" ${step}`);
    expect(script).toContain('temporal:temporal temporal_visibility:visibility');
    expect(schema.environment).toMatchObject({ SQL_PLUGIN: 'postgres12', SQL_HOST: 'postgres' });
    expect(Object.values(services).some((s) => /auto-setup/.test(s.image ?? ''))).toBe(false);
  });

  it('starts the api and the worker after the migrations and the namespace, each one-off having succeeded', () => {
    for (const name of ['api', 'worker']) expect(waitsFor(name)).toEqual({ migrate: 'service_completed_successfully', 'temporal-namespace': 'service_completed_successfully' });
    expect(waitsFor('migrate')).toEqual({ postgres: 'service_healthy' });
    expect([services.migrate.restart, services['temporal-namespace'].restart]).toEqual(['no', 'no']);
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api', 'worker']) expect([name, services[name].restart]).toEqual([name, 'unless-stopped']);
  });

  it("checks the health of PostgreSQL, the api (its readiness, /health) and the worker (its metrics port)", () => {
    const probe = (name: string) => (services[name].healthcheck?.test ?? []).join(' ');
    expect(probe('postgres')).toContain('pg_isready');
    expect(probe('api')).toContain(`http://127.0.0.1:${environmentOf('api', filledIn, true).PORT}/health'`);
    expect(probe('worker')).toContain(`http://127.0.0.1:${environmentOf('worker', filledIn, true).WORKER_METRICS_ADDRESS.split(':')[1]}/metrics`);
  });

  it("points the Temporal Web UI's codec at the api's codec endpoint, and lets the UI's origin call it", () => {
    const ui = environmentOf('temporal-ui', filledIn, false);
    const apiPort = services.api.ports![0].split(':')[0];
    const uiPort = services['temporal-ui'].ports![0].split(':')[0];
    expect(ui.TEMPORAL_CODEC_ENDPOINT).toBe(`http://localhost:${apiPort}/codec`);
    expect(ui.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(environmentOf('api', filledIn, true).TEMPORAL_UI_ORIGINS.split(',')).toContain(`http://localhost:${uiPort}`);
  });

  it("runs the engine's services from the one built image, the worker on the prebuilt workflow bundle", () => {
    const images = new Set(Object.keys(ENGINE).map((name) => services[name].image));
    expect(images.size).toBe(1);
    expect(environmentOf('worker', filledIn, true).WORKFLOW_BUNDLE_PATH).toBe(`/app/${WORKFLOW_BUNDLE_FILE}`);
  });
});

describe('the Dockerfile', () => {
  it('builds in one stage and runs the built JavaScript in another, with the bundle, as a user that is not root', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^RUN npm run build/m);
    // The Temporal core's native build for the image's own system only (x86_64 or aarch64 Linux, as uname -m names them).
    expect(dockerfile).toContain('find node_modules/@temporalio/core-bridge/releases -mindepth 1 -maxdepth 1 ! -name "$(uname -m)-unknown-linux-gnu" -exec rm -rf {} +');
    expect(fs.readdirSync(path.join(root, 'node_modules/@temporalio/core-bridge/releases'))).toEqual(expect.arrayContaining(['x86_64-unknown-linux-gnu', 'aarch64-unknown-linux-gnu']));
    expect(dockerfile).toContain(`WORKFLOW_BUNDLE_PATH=/app/${WORKFLOW_BUNDLE_FILE}`);
    expect(dockerfile).toMatch(/^USER 1000:1000$/m);
    expect(dockerfile).toContain(`CMD ["node", "${builtPath(ENTRY_POINTS.api)}"]`);
    // What runs: the last stage, which holds no TypeScript and no tools to run it.
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).not.toMatch(/ts-node|run-ts|tools\//);
    expect(runtime.match(/^COPY .*$/gm)).toEqual(['COPY --from=build --chown=root:root /app/package.json ./', 'COPY --from=build --chown=root:root /app/node_modules ./node_modules', 'COPY --from=build --chown=root:root /app/dist ./dist']);
    // The Node.js the suite runs on (tools/toolchain/node.js, Linux), so the image runs what was tested.
    const { NODE_PINS } = require('../../../tools/toolchain/node') as { NODE_PINS: Record<string, { version: string }> };
    expect(dockerfile).toMatch(new RegExp(`^ARG NODE_IMAGE=node:${NODE_PINS['linux-x64'].version.replace(/\./g, '\\.')}-bookworm-slim$`, 'm'));
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
    const [api, worker] = await Promise.all(['api', 'worker'].map((name) => start(ENGINE[name].main, asInTheImage(environmentOf(name, filledIn, false)))));
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
