import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ENTRY_POINTS, WORKFLOW_BUNDLE_FILE, builtPath } from '../../../tools/artefacts';
import { requiredInProduction } from './config';
import { Service } from './types';
import { VARIABLES } from './variables';

/**
 * deploy/k8s is what a force's platform team applies. No schema checker can be installed here (kubeconform needs the
 * Kubernetes schemas from the network), so this reads the manifests and holds them to what the engine needs: pinned
 * images, probes, resources, a user that is not root, the built entry points, and only variables libs/config
 * declares, covering every one production requires.
 */
const dir = path.resolve(__dirname, '../../../deploy/k8s');
type Doc = { kind: string; metadata: { name: string }; spec?: any; data?: Record<string, string>; stringData?: Record<string, string>; resources?: string[] };
const docs = (file: string): Doc[] => parseAllDocuments(fs.readFileSync(path.join(dir, file), 'utf8')).map((d) => d.toJS() as Doc);
const applied = docs('kustomization.yaml')[0].resources!.flatMap(docs);
const byKind = (kind: string) => applied.filter((d) => d.kind === kind);
const workload = (name: string) => [...byKind('Deployment'), ...byKind('Job')].find((d) => d.metadata.name === name)!;
const configMap = byKind('ConfigMap')[0];
const secret = docs('secret.example.yaml')[0];

interface Container {
  name: string;
  image: string;
  command: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string } };
  livenessProbe?: { httpGet: { path: string; port: string } };
  resources: { requests: { cpu: string; memory: string }; limits: { memory: string } };
  securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean; capabilities: { drop: string[] } };
}
const container = (name: string): Container => workload(name).spec.template.spec.containers[0];

/** The variables a container is started with: its own, and those of the ConfigMap and Secret it takes whole. */
function variablesOf(c: Container): Record<string, string> {
  const whole = (c.envFrom ?? []).flatMap((e) => (e.configMapRef ? Object.entries(configMap.data!) : e.secretRef ? Object.entries(secret.stringData!) : []));
  return { ...Object.fromEntries(whole), ...Object.fromEntries((c.env ?? []).map((e) => [e.name, e.value ?? `secret:${e.valueFrom?.secretKeyRef?.key}`])) };
}

const SERVICES: Record<string, { workload: string; service: Service; main: string }> = {
  api: { workload: 'conduct-engine-api', service: 'api', main: ENTRY_POINTS.api },
  worker: { workload: 'conduct-engine-worker', service: 'worker', main: ENTRY_POINTS.worker },
  migrate: { workload: 'conduct-engine-migrate-0-1-0', service: 'migrate', main: ENTRY_POINTS.migrate },
};

describe('deploy/k8s', () => {
  it('applies every manifest in the folder but the example Secret, each one that parses', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect([...docs('kustomization.yaml')[0].resources!, 'secret.example.yaml'].sort()).toEqual(files.sort());
    expect(applied.map((d) => d.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'Deployment', 'Job', 'Service']);
  });

  it.each(Object.keys(SERVICES))('runs %s from the one pinned image, by its built entry point, with plain node', (name) => {
    const c = container(SERVICES[name].workload);
    expect(c.image).toMatch(/^conduct-engine:\d+\.\d+\.\d+$/);
    expect(c.command).toEqual(['node', builtPath(SERVICES[name].main)]);
  });

  it.each(Object.keys(SERVICES))('runs %s as a user that is not root, without privileges to gain, with requests and a memory limit', (name) => {
    const pod = workload(SERVICES[name].workload).spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: expect.any(Number) });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.automountServiceAccountToken).toBe(false);
    const c = container(SERVICES[name].workload);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(c.resources.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
    expect(c.resources.limits.memory).toEqual(expect.any(String));
  });

  it.each(Object.keys(SERVICES))('gives %s only variables libs/config declares for it, and every one production requires', (name) => {
    const { service, workload: w } = SERVICES[name];
    const env = variablesOf(container(w));
    const unknown = Object.keys(env).filter((v) => !(v in VARIABLES));
    expect(unknown).toEqual([]);
    const notRead = Object.keys(env).filter((v) => v !== 'NODE_ENV' && !(VARIABLES[v as keyof typeof VARIABLES].readBy as readonly string[]).includes(service));
    // The ConfigMap and the Secret are shared by the api and the worker: what only the other reads is harmless.
    const shared = new Set([...Object.keys(configMap.data!), ...Object.keys(secret.stringData!)]);
    expect(notRead.filter((v) => !shared.has(v))).toEqual([]);
    expect(env.NODE_ENV).toBe('production');
    expect(requiredInProduction(service).filter((oneOf) => !oneOf.some((v) => env[v]))).toEqual([]);
  });

  it('probes the api for readiness on /health and for liveness on /health/live, on the port it listens on, behind its Service', () => {
    const api = container('conduct-engine-api');
    expect(api.readinessProbe!.httpGet.path).toBe('/health');
    expect(api.livenessProbe!.httpGet.path).toBe('/health/live');
    const http = api.ports!.find((p) => p.name === api.readinessProbe!.httpGet.port)!;
    expect(String(http.containerPort)).toBe(variablesOf(api).PORT);
    expect(variablesOf(api).HOST).toBe('0.0.0.0');
    const service = byKind('Service')[0];
    expect(service.spec.selector).toEqual(workload('conduct-engine-api').spec.template.metadata.labels);
    expect(service.spec.ports[0].targetPort).toBe(http.name);
  });

  it('runs two workers on the task queue, on the prebuilt bundle, probed on the metrics port they serve', () => {
    const deployment = workload('conduct-engine-worker');
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    const worker = container('conduct-engine-worker');
    expect(variablesOf(worker).WORKFLOW_BUNDLE_PATH).toBe(`/app/${WORKFLOW_BUNDLE_FILE}`);
    const metrics = worker.ports!.find((p) => p.name === 'metrics')!;
    expect(variablesOf(worker).WORKER_METRICS_ADDRESS).toBe(`0.0.0.0:${metrics.containerPort}`);
    for (const probe of [worker.readinessProbe, worker.livenessProbe]) expect(probe!.httpGet).toEqual({ path: '/metrics', port: 'metrics' });
  });

  it("mounts the optional Temporal TLS Secret read-only into the api and the worker, readable by their user, where the ConfigMap's TEMPORAL_TLS_* files point", () => {
    const commented = [...fs.readFileSync(path.join(dir, 'configmap.yaml'), 'utf8').matchAll(/^\s*#\s*(TEMPORAL_TLS_[A-Z_]+_FILE): (\S+)$/gm)].map((m) => ({ name: m[1], file: m[2] }));
    expect(commented.map((c) => c.name).sort()).toEqual(['TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE']);
    for (const c of commented) expect(VARIABLES[c.name as keyof typeof VARIABLES].readBy).toEqual(['api', 'worker']);
    for (const name of ['conduct-engine-api', 'conduct-engine-worker']) {
      const pod = workload(name).spec.template.spec;
      const volume = pod.volumes.find((v: { secret?: { secretName: string } }) => v.secret?.secretName === 'conduct-engine-temporal-tls');
      expect(volume.secret).toMatchObject({ optional: true, defaultMode: 0o440 });
      expect(pod.securityContext.fsGroup).toBe(pod.securityContext.runAsGroup);
      const mount = (container(name) as unknown as { volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[] }).volumeMounts.find((m) => m.name === volume.name)!;
      expect(mount.readOnly).toBe(true);
      for (const c of commented) expect(path.posix.dirname(c.file)).toBe(mount.mountPath);
    }
  });

  it('runs the migrations as a Job that retries a failure and is not restarted once done', () => {
    const job = workload('conduct-engine-migrate-0-1-0');
    expect(job.kind).toBe('Job');
    expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
    expect(job.spec.backoffLimit).toBeGreaterThan(0);
    expect(Object.keys(variablesOf(container('conduct-engine-migrate-0-1-0'))).sort()).toEqual(['DATABASE_URL', 'NODE_ENV']);
  });
});
