import { randomUUID } from 'crypto';
import * as fs from 'fs';
import { RunningService, startService } from '../../tools/stack/service';
import { freePort } from '../../tools/stack/ports';
import { CASE_OFFICER, call, today } from '../support/api-client';

/**
 * What an operator's Prometheus scrapes: the API's `/metrics` (without a token) and the worker's Temporal SDK
 * metrics. The request counts are read as differences between two scrapes, since the other suites share this API.
 */
type Samples = Map<string, number>;

/** Prometheus's text exposition, as `name{labels}` → value (comments skipped). */
function samples(text: string): Samples {
  const out: Samples = new Map();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

async function scrape(url = `${process.env.E2E_API_URL}/metrics`): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

const count = (s: Samples, method: string, route: string, status: number) => s.get(`conduct_http_request_duration_seconds_count{method="${method}",route="${route}",status="${status}"}`) ?? 0;

describe('the metrics a Prometheus scrapes', () => {
  it("counts a 200, a 404 and a 409 under their route templates and statuses, with the outbox's and the deadlines' gauges, and without a matter's reference anywhere", async () => {
    const before = samples((await scrape()).text);
    const reference = `MET-${randomUUID().slice(0, 8)}`;
    const referral = { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] };
    expect((await call('POST', '/matters', referral, CASE_OFFICER, { 'idempotency-key': `met-${reference}` })).status).toBe(201);
    expect((await call('GET', `/matters/${reference}`)).status).toBe(200);
    expect((await call('GET', `/matters/NO-SUCH-${reference}`)).status).toBe(404);
    expect((await call('POST', '/matters', referral, CASE_OFFICER, { 'idempotency-key': `other-${reference}` })).status).toBe(409);

    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^text\/plain;.*version=0\.0\.4/);
    if (process.env.METRICS_EXCERPT) fs.writeFileSync(process.env.METRICS_EXCERPT, res.text);
    const after = samples(res.text);
    const delta = (method: string, route: string, status: number) => count(after, method, route, status) - count(before, method, route, status);
    expect([delta('POST', '/matters', 201), delta('GET', '/matters/:reference', 200), delta('GET', '/matters/:reference', 404), delta('POST', '/matters', 409)]).toEqual([1, 1, 1, 1]);
    expect(after.get('conduct_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/matters/:reference",status="404"}')).toBe(count(after, 'GET', '/matters/:reference', 404));
    expect(res.text).not.toContain(reference);

    expect(after.get('conduct_engine_gauges_read')).toBe(1);
    for (const name of ['conduct_outbox_messages{status="pending"}', 'conduct_outbox_messages{status="dead"}', 'conduct_outbox_dead_letters', 'conduct_outbox_oldest_undelivered_seconds', 'conduct_deadlines{state="open_past_due"}', 'conduct_deadlines{state="missed"}']) {
      expect({ name, value: Number.isFinite(after.get(name)) && after.get(name)! >= 0 }).toEqual({ name, value: true });
    }
    expect(after.get('conduct_outbox_dead_letters')).toBe(after.get('conduct_outbox_messages{status="dead"}'));
  });

  it("the worker serves the Temporal SDK's own metrics (its pollers, its workflow tasks) at WORKER_METRICS_ADDRESS", async () => {
    const res = await scrape(process.env.E2E_WORKER_METRICS_URL);
    expect(res.status).toBe(200);
    if (process.env.METRICS_EXCERPT) fs.writeFileSync(`${process.env.METRICS_EXCERPT}.worker`, res.text);
    expect(res.text).toMatch(/^temporal_\w+/m);
    expect(res.text).toMatch(/task_queue="misconduct-proceedings"/);
  });
});

describe('metrics switched off', () => {
  let api: RunningService;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    api = await startService('api', 'apps/api/src/main.ts', {
      METRICS_ENABLED: 'off',
      RATE_LIMIT_PUBLIC: '2',
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.E2E_TEMPORAL_ADDRESS,
      AUTH_JWT_SECRET: process.env.E2E_JWT_SECRET,
      REQUEST_LOG: 'off',
    }, { silent: true });
    base = `http://localhost:${port}`;
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answer 404 naming METRICS_ENABLED, and /metrics is still counted by the public rate limit', async () => {
    const first = await scrape(`${base}/metrics`);
    expect(first.status).toBe(404);
    expect(first.text).toContain('METRICS_ENABLED');
    expect((await scrape(`${base}/metrics`)).status).toBe(404);
    expect((await scrape(`${base}/metrics`)).status).toBe(429);
  });
});
