import { randomBytes, randomUUID } from 'crypto';
import { TRACED_SERVICES } from '@conduct/temporal';
import { ownStackPerSuite } from '../support/own-stack';
import { OtlpReceiver, ReceivedSpan } from '../support/receivers';
import { AA, call, nowIso, today } from '../support/api-client';

/**
 * Traces on the real stack: this suite's own worker and API (the shared ones do not trace), given
 * OTEL_EXPORTER_OTLP_ENDPOINT, export to a real OTLP/HTTP receiver started here. One decision recorded over HTTP is
 * one trace: the request's span, the Temporal update the API sent, the workflow's handling of it and the activity
 * that wrote the projection and the outbox. PRINT_TRACE=1 prints the trace's span tree (the README's).
 */
/** OTLP's status code of a span that failed. */
const SPAN_STATUS_ERROR = 2;
const DECISIONS_ROUTE = 'POST /matters/:reference/subjects/:subjectId/decisions';

let otlp: OtlpReceiver;

beforeAll(async () => {
  otlp = await new OtlpReceiver().start();
});
const own = ownStackPerSuite('traces', () => ({ env: { OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url } }));
afterAll(async () => {
  await otlp?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** The span tree, one span a line, children under their parent in start order: `service  name`. */
function tree(spans: ReceivedSpan[]): string {
  const children = (parent: string | undefined) => spans.filter((s) => s.parentSpanId === parent || (parent === undefined && !spans.some((p) => p.spanId === s.parentSpanId))).sort((a, b) => (BigInt(a.startTimeUnixNano) < BigInt(b.startTimeUnixNano) ? -1 : 1));
  const lines: string[] = [];
  const walk = (s: ReceivedSpan, depth: number) => {
    lines.push(`${'  '.repeat(depth)}${s.name}  [${s.service}]`);
    for (const c of children(s.spanId)) walk(c, depth + 1);
  };
  for (const root of children(undefined)) walk(root, 0);
  return lines.join('\n');
}

describe('traces, exported over OTLP/HTTP by the API and the worker', () => {
  it('makes one decision one trace: the HTTP request, the Temporal update, the workflow handling it and the activity writing the projection and the outbox', async () => {
    const reference = `TRC-${randomUUID().slice(0, 8)}`;
    const referred = await call('POST', '/matters', { reference, kind: 'conduct-matter', forceId: 'e2e-force', appropriateAuthority: 'Chief Constable of E2E', receivedOn: today(), subjects: [{ subjectId: 'pc-1', kind: 'police-officer' }] });
    expect(referred.status).toBe(201);
    await until('the subject in the projection', async () => (await call('GET', `/matters/${reference}`)).body.subjects?.length === 1);

    const decided = await call('POST', `/matters/${reference}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', likelyForm: 'meeting', occurredAt: nowIso() }, AA);
    expect(decided.status).toBe(200);

    // The request's span is the trace's root: the API was sent no traceparent.
    const request = await until('the decision request span', () => otlp.spans.find((s) => s.name === DECISIONS_ROUTE));
    expect(request).toMatchObject({ service: TRACED_SERVICES.api, parentSpanId: undefined, attributes: { 'http.route': '/matters/:reference/subjects/:subjectId/decisions', 'http.response.status_code': 200 } });
    const named = (name: string) => otlp.trace(request.traceId).find((s) => s.name === name);
    // Spans reach the receiver in each process's batches: wait for the last of the chain.
    await until('the activity spans in the same trace', () => named('outbox: enqueue') && named('projection: subject'));
    const spans = otlp.trace(request.traceId);
    if (process.env.PRINT_TRACE === '1') console.log(tree(spans));

    const update = named('StartWorkflowUpdate:recordDecision')!;
    const handled = named('HandleUpdate:recordDecision')!;
    const activity = spans.find((s) => s.name === 'RunActivity:recordSubjectChange')!;
    expect(update).toMatchObject({ service: TRACED_SERVICES.api, parentSpanId: request.spanId });
    // The workflow continued the update's context from its headers, in the worker.
    expect(handled).toMatchObject({ service: TRACED_SERVICES.worker, parentSpanId: update.spanId });
    expect(activity).toMatchObject({ service: TRACED_SERVICES.worker });
    expect(named('projection: subject')).toMatchObject({ parentSpanId: activity.spanId });
    expect(spans.filter((s) => s.name === 'outbox: enqueue').some((s) => s.parentSpanId === activity.spanId)).toBe(true);
    // One tree: every span but the request's has its parent in the trace.
    expect(spans.filter((s) => s !== request && !spans.some((p) => p.spanId === s.parentSpanId)).map((s) => s.name)).toEqual([]);
    expect(otlp.refused).toEqual([]);
  }, 60_000);

  it("names a refused request's span by its route with its 4xx status, a client's mistake and not the server's error, in the caller's trace", async () => {
    // A caller that traces sends its own span's context (W3C trace context): the request's span is its child.
    const [traceId, parentSpanId] = [randomBytes(16).toString('hex'), randomBytes(8).toString('hex')];
    const res = await call('POST', `/matters/NO-SUCH-${randomUUID().slice(0, 8)}/subjects/pc-1/decisions`, { decision: 'severity-assessment', severity: 'misconduct', occurredAt: nowIso() }, AA, { traceparent: `00-${traceId}-${parentSpanId}-01` });
    expect(res.status).toBe(404);
    const span = await until('the 404 request span', () => otlp.spans.find((s) => s.name === DECISIONS_ROUTE && s.attributes['http.response.status_code'] === 404));
    expect(span).toMatchObject({ traceId, parentSpanId });
    expect(span.attributes['http.route']).toBe('/matters/:reference/subjects/:subjectId/decisions');
    expect(span.status).not.toBe(SPAN_STATUS_ERROR);
  }, 30_000);
});
