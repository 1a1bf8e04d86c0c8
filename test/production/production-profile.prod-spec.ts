import { ChildProcess, spawn, spawnSync } from 'child_process';
import { randomBytes, randomUUID } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { temporalConnectionOptions } from '@conduct/temporal';
import { makeThrowawayCertificates } from '../../tools/stack/certificates';
import { temporal } from '@temporalio/proto';
import { freePort } from '../../tools/stack/ports';
import { TemporalOnPostgres, TemporalServerBinaries, startTemporalOnPostgres } from '../../tools/stack/temporal-on-postgres';
import { ENTRY_POINTS, WORKFLOW_BUNDLE_FILE, builtPath } from '../../tools/artefacts';
import { today } from '../support/dates';
import { Caller, IdentityProvider, startIdentityProvider } from './tokens';

/**
 * The engine as a department runs it: `npm run build`'s JavaScript (node dist/..., no ts-node), the worker on the
 * prebuilt workflow bundle, NODE_ENV=production, Temporal's own server on PostgreSQL (not the dev server), payloads
 * encrypted, bearer tokens checked against an identity provider's JWKS, and Temporal's frontend on mTLS only (a
 * throwaway CA's server and client certificates): the api and worker reach it through TEMPORAL_TLS_* alone. Its own
 * processes and database, on free ports.
 */
const root = path.resolve(__dirname, '../..');
const { ensureTemporalServer } = require('../../tools/toolchain/temporal-server') as { ensureTemporalServer(o?: { log?: (s: string) => void }): TemporalServerBinaries };
const FORCE = 'production-force';
const AA: Caller = { id: 'aa-1', role: 'appropriate-authority', force: FORCE };
const CASE_OFFICER: Caller = { id: 'co-1', role: 'case-officer', force: FORCE };
const log = (line: string) => process.stderr.write(`[production] ${line}\n`);

interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A built entry point, started with exactly this environment (and PATH), as the image starts it. */
function startBuilt(source: string, env: Record<string, string>): Service {
  const child = spawn(process.execPath, [path.join(root, builtPath(source))], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => text, exited };
}

async function stop(service: Service | undefined): Promise<void> {
  if (!service || service.child.exitCode !== null) return;
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
  await service.exited;
  clearTimeout(timer);
}

async function until(what: string, ms: number, check: () => Promise<boolean> | boolean, service?: Service): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await Promise.resolve().then(check).catch(() => false)) return;
    if (service && service.child.exitCode !== null) throw new Error(`${what}: the process exited (${service.child.exitCode}):\n${service.output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${service ? `:\n${service.output()}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('the production profile: the built api and worker on Temporal-on-PostgreSQL over mTLS, encrypted, with tokens from an identity provider', () => {
  let dataDir: string;
  let temporalServer: TemporalOnPostgres | undefined;
  let idp: IdentityProvider | undefined;
  let api: Service | undefined;
  let worker: Service | undefined;
  let env: Record<string, string>;
  let apiUrl: string;
  const timings: Record<string, number> = {};
  const timed = async <T>(label: string, f: () => Promise<T> | T): Promise<T> => {
    const t0 = Date.now();
    try {
      return await f();
    } finally {
      timings[label] = Date.now() - t0;
    }
  };

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'conduct-production-'));
    fs.chmodSync(dataDir, 0o755);
    await timed('build', () => {
      const build = spawnSync(process.execPath, [path.join(root, 'tools/run-ts.js'), 'tools/build.ts'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    });
    const binaries = ensureTemporalServer({ log });
    const tls = makeThrowawayCertificates(path.join(dataDir, 'certificates'));
    temporalServer = await timed('temporal on postgres', () => startTemporalOnPostgres({ ...binaries, dataDir, serverOutput: 'ignore', tls }));
    idp = await startIdentityProvider([AA, CASE_OFFICER]);
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    env = {
      NODE_ENV: 'production',
      DATABASE_URL: temporalServer.postgres.url,
      // TEMPORAL_ADDRESS and the mTLS files: the CA, the server's name, the client certificate and key.
      ...temporalServer.connectionEnv,
      PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ 'production-1': randomBytes(32).toString('base64') }),
      ...idp.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKFLOW_BUNDLE_PATH: path.join(root, WORKFLOW_BUNDLE_FILE),
      OUTBOX_DISPATCHER: 'off',
    };
    await timed('migrations', async () => {
      const migrate = startBuilt(ENTRY_POINTS.migrate, { NODE_ENV: 'production', DATABASE_URL: env.DATABASE_URL });
      const code = await migrate.exited;
      if (code !== 0) throw new Error(`migrations exited ${code}:\n${migrate.output()}`);
    });
    // The built worker can only run the prebuilt bundle: dist/ holds no workflow TypeScript to bundle from.
    await timed('api and worker up', async () => {
      worker = startBuilt(ENTRY_POINTS.worker, env);
      api = startBuilt(ENTRY_POINTS.api, env);
      await until('the worker runs', 60_000, () => worker!.output().includes('worker running'), worker);
      await until('the api is ready', 60_000, async () => (await fetch(`${apiUrl}/health`)).status === 200, api);
    });
    log(`ready: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  }, 20 * 60_000);

  afterAll(async () => {
    await stop(api);
    await stop(worker);
    await temporalServer?.stop();
    await idp?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    log(`timings: ${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  }, 60_000);

  async function call(method: string, route: string, body: unknown, who: Caller | null): Promise<{ status: number; body: any }> {
    const res = await fetch(`${apiUrl}${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${await idp!.bearerTokenFor(who)}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  it('leaves no workspace import by name in the built JavaScript, and ships the workflow bundle', () => {
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
    const left = files(path.join(root, 'dist')).filter((f) => f.endsWith('.js') && /require\(["']@conduct\//.test(fs.readFileSync(f, 'utf8')));
    expect(left).toEqual([]);
    expect(fs.statSync(path.join(root, WORKFLOW_BUNDLE_FILE)).size).toBeGreaterThan(100_000);
  });

  const name = 'Ottoline Barnacle-Whitstable';
  const dateOfBirth = '1981-07-19';
  const reference = `PROD-${randomUUID().slice(0, 8)}`;

  it('carries a matter from referral to an outcome with tokens from the identity provider, and refuses a token it did not sign', async () => {
    const forged = await fetch(`${apiUrl}/matters/${reference}`, { headers: { authorization: `Bearer ${Buffer.from('{}').toString('base64')}.e30.x` } });
    expect(forged.status).toBe(401);
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: FORCE, appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer', rank: 'PC', name, dateOfBirth, warrantNumber: 'PROD-1' }] }, CASE_OFFICER);
    expect(referred.status).toBe(201);
    await until('the subject is tracked', 30_000, async () => (await call('GET', `/matters/${reference}`, undefined, CASE_OFFICER)).body.subjects?.length === 1);
    const subject = `/matters/${reference}/subjects/pc-1`;
    const steps: [string, Record<string, unknown>, Caller][] = [
      ['decisions', { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', rationale: 'If proved, short of dismissal.' }, AA],
      ['events', { event: 'notice-of-investigation-served' }, CASE_OFFICER],
      ['events', { event: 'interview-held' }, CASE_OFFICER],
      ['events', { event: 'investigator-report-submitted' }, CASE_OFFICER],
      ['decisions', { decision: 'case-to-answer', caseToAnswer: 'misconduct', rationale: 'The report shows a case to answer.' }, AA],
      ['events', { event: 'notice-of-referral-served' }, CASE_OFFICER],
      ['events', { event: 'proceedings-held' }, CASE_OFFICER],
      ['decisions', { decision: 'outcome', outcome: 'written-warning', rationale: 'The meeting found misconduct.' }, CASE_OFFICER],
    ];
    for (const [kind, body, who] of steps) {
      const res = await call('POST', `${subject}/${kind}`, { ...body, occurredAt: new Date().toISOString() }, who);
      expect({ step: body, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ step: body, status: 200, body: undefined });
    }
    await until('the outcome is shown', 30_000, async () => (await call('GET', `/matters/${reference}`, undefined, CASE_OFFICER)).body.subjects?.[0]?.outcome === 'written-warning');
    const matter = (await call('GET', `/matters/${reference}`, undefined, CASE_OFFICER)).body;
    expect(matter.subjects[0]).toMatchObject({ subjectId: 'pc-1', outcome: 'written-warning' });
  });

  it("keeps the officer's name and date of birth out of Temporal's history: every workflow input on the server is sealed", async () => {
    const connection = await Connection.connect(temporalConnectionOptions(temporalServer!.connectionEnv));
    try {
      const raw: Buffer[] = [];
      const encodings = new Set<string>();
      for (const workflowId of [`matter-${reference}`, `matter-${reference}-subject-pc-1`]) {
        const { history } = await connection.workflowService.getWorkflowExecutionHistory({ namespace: 'default', execution: { workflowId } });
        expect(history!.events!.length).toBeGreaterThan(5);
        raw.push(Buffer.from(temporal.api.history.v1.History.encode(history!).finish()));
        for (const e of history!.events ?? []) {
          const payloads = [...(e.workflowExecutionStartedEventAttributes?.input?.payloads ?? []), ...(e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.args?.payloads ?? [])];
          for (const p of payloads) encodings.add(Buffer.from(p.metadata?.encoding ?? []).toString());
        }
      }
      const all = Buffer.concat(raw).toString('latin1');
      expect(all).not.toContain('Barnacle');
      expect(all).not.toContain(dateOfBirth);
      expect([...encodings]).toEqual(['binary/encrypted']);
    } finally {
      await connection.close();
    }
  });

  it('serves the web interface from the built JavaScript: its templates, its stylesheet and its scripts, and no development sign-in', async () => {
    const signIn = await fetch(`${apiUrl}/sign-in`);
    expect(signIn.status).toBe(200);
    const html = await signIn.text();
    expect(html).toContain('<title>Sign in – Misconduct proceedings</title>');
    // Production never offers the development sign-in's form.
    expect(html).not.toContain('name="role"');
    const stylesheet = /href="(\/assets\/application-[0-9a-f]+\.css)"/.exec(html)?.[1];
    const css = await fetch(`${apiUrl}${stylesheet}`);
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect((await css.text()).length).toBeGreaterThan(100_000);
    for (const script of ['init.js', 'govuk-frontend.min.js', 'moj-frontend.min.js']) expect((await fetch(`${apiUrl}/assets/js/${script}`)).status).toBe(200);
  });

  it("connects to Temporal's frontend only with the client certificate: without it, or without TLS, the API's and the worker's connections are refused", async () => {
    const connectionEnv = temporalServer!.connectionEnv;
    expect(connectionEnv).toMatchObject({ TEMPORAL_TLS: 'on', TEMPORAL_TLS_CERT_FILE: expect.any(String), TEMPORAL_TLS_KEY_FILE: expect.any(String) });
    const { TEMPORAL_TLS_CERT_FILE: _cert, TEMPORAL_TLS_KEY_FILE: _key, ...withoutClientCertificate } = connectionEnv;
    const withCertificate = await Connection.connect({ ...temporalConnectionOptions(connectionEnv), connectTimeout: 10_000 });
    expect((await withCertificate.workflowService.getSystemInfo({})).serverVersion).toMatch(/^1\./);
    await withCertificate.close();
    for (const env of [withoutClientCertificate, { TEMPORAL_ADDRESS: connectionEnv.TEMPORAL_ADDRESS }]) {
      await expect(Connection.connect({ ...temporalConnectionOptions(env), connectTimeout: 3_000 }).then((c) => c.workflowService.getSystemInfo({}))).rejects.toThrow();
      await expect(NativeConnection.connect(temporalConnectionOptions(env)).then((c) => c.close())).rejects.toThrow();
    }
    // The built worker, given the CA but no client certificate, stops on its error rather than running unconnected.
    const { TEMPORAL_TLS_CERT_FILE: _c, TEMPORAL_TLS_KEY_FILE: _k, ...workerWithoutCertificate } = env;
    const worker = startBuilt(ENTRY_POINTS.worker, workerWithoutCertificate);
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain('worker stopped on an error');
    expect(worker.output()).not.toContain('worker running');
  });

  it('refuses to start the api or the worker without the payload encryption keys, exit 78, naming the variable', async () => {
    const { PAYLOAD_ENCRYPTION_KEYS: _left, ...withoutKeys } = env;
    const [a, w] = [startBuilt(ENTRY_POINTS.api, withoutKeys), startBuilt(ENTRY_POINTS.worker, withoutKeys)];
    const codes = await Promise.all([a.exited, w.exited]);
    expect(codes).toEqual([78, 78]);
    for (const [service, s] of [['api', a], ['worker', w]] as const) {
      const line = JSON.parse(s.output().trim().split('\n').pop()!) as { service: string; problems: { variable: string }[] };
      expect(line.service).toBe(service);
      expect(line.problems.map((p) => p.variable)).toEqual(['PAYLOAD_ENCRYPTION_KEYS']);
    }
  });
});
