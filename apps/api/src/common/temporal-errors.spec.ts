import { ForbiddenException, HttpException } from '@nestjs/common';
import {
  ApplicationFailure,
  ServiceError,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { RULE_VIOLATION } from '@conduct/workflows';
import { TemporalClientProvider, temporalCallTimeoutMs } from '../temporal/temporal-client.provider';
import { ApiExceptionFilter, answer } from './api-exception.filter';
import { RetryLaterException, toHttpError, toHttpErrorFromDatabase } from './temporal-errors';

const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const statusOf = (e: unknown) => (e instanceof HttpException ? e.getStatus() : 'unmapped');
const bodyOf = (e: unknown) => (e as HttpException).getResponse() as Record<string, unknown>;

describe('Temporal errors in HTTP terms', () => {
  const command = { what: 'subject pc-1 of matter M-1', command: true, timeoutMs: 10_000 };

  it('a refusal under a rule is a 409 naming the rule and its regulation', () => {
    const refusal = ApplicationFailure.create({ type: RULE_VIOLATION, message: 'Case-to-answer decision is not possible…', nonRetryable: true, details: [{ rule: 'case-to-answer-after-report', regulation: 'CR reg 23' }] });
    const e = toHttpError(new WorkflowUpdateFailedError('update failed', refusal), command);
    expect(statusOf(e)).toBe(409);
    expect(bodyOf(e)).toMatchObject({ rule: 'case-to-answer-after-report', regulation: 'CR reg 23' });
  });

  it('a workflow that does not answer within the deadline is a 504 with Retry-After, saying the command may still be applied and how to retry safely', () => {
    const withKey = toHttpError(new WorkflowUpdateRPCTimeoutOrCancelledError('Workflow update call timeout or cancelled'), { ...command, idempotencyKey: 'k-1' });
    expect(withKey).toBeInstanceOf(RetryLaterException);
    expect(statusOf(withKey)).toBe(504);
    expect(bodyOf(withKey)).toMatchObject({ code: 'workflow-timeout', retryAfterSeconds: 5 });
    expect(bodyOf(withKey).message).toBe(
      'subject pc-1 of matter M-1: the workflow did not answer within 10 s; the command may still be applied. Retry with the same Idempotency-Key (k-1): a retry joins the first attempt and is never applied twice',
    );
    const withoutKey = bodyOf(toHttpError(new ServiceError('Workflow Update failed', { cause: grpcError(4, 'Deadline exceeded') }), command));
    expect(withoutKey.message).toContain("the command may still be applied. Check the matter's audit trail before sending it again, and send an Idempotency-Key");
    const read = bodyOf(toHttpError(grpcError(4, 'Deadline exceeded'), { what: 'recommendation R', command: false }));
    expect(read.message).toBe('recommendation R: its workflow did not answer in time (it may be busy, or its worker not running): try again shortly');
  });

  it('Temporal out of reach (UNAVAILABLE, or no connection at all) is a 503 naming Temporal, with Retry-After', () => {
    for (const err of [
      new ServiceError('Workflow Update failed', { cause: grpcError(14, 'No connection established') }),
      grpcError(14, 'Connection dropped'),
      new Error('Failed to connect before the deadline'),
      new ServiceError('Failed to connect to Temporal server', { cause: new Error('connect ECONNREFUSED 127.0.0.1:7233') }),
    ]) {
      const e = toHttpError(err, command);
      expect([err.message, statusOf(e), bodyOf(e).code, bodyOf(e).retryAfterSeconds]).toEqual([err.message, 503, 'temporal-unreachable', 10]);
      expect(bodyOf(e).message).toMatch(/^Temporal \(the workflow service\) cannot be reached/);
    }
  });

  it('Temporal over its limits is a 503 to retry; an argument Temporal calls invalid is the request’s 400', () => {
    expect(bodyOf(toHttpError(grpcError(8, 'namespace rate limit exceeded'), command))).toMatchObject({ statusCode: 503, code: 'temporal-busy' });
    const invalid = toHttpError(new ServiceError('Workflow Update failed', { cause: grpcError(3, 'UpdateId length exceeds limit') }), command);
    expect(statusOf(invalid)).toBe(400);
    expect(bodyOf(invalid).message).toContain('UpdateId length exceeds limit');
  });

  it('a missing workflow is a 404, a duplicate a 409, a closed one a 409, and an HttpException passes unchanged', () => {
    expect(statusOf(toHttpError(new WorkflowNotFoundError('not found', 'matter-M-1', undefined), command))).toBe(404);
    expect(statusOf(toHttpError(new WorkflowExecutionAlreadyStartedError('started', 'matter-M-1', 'matter'), command))).toBe(409);
    expect(bodyOf(toHttpError(new ServiceError('workflow execution already completed'), command))).toMatchObject({ rule: 'workflow-open' });
    const forbidden = new ForbiddenException('no');
    expect(toHttpError(forbidden, command)).toBe(forbidden);
  });

  it('a failure in the workflow that is not a refusal says so, and is not a bare 500', () => {
    const e = toHttpError(new WorkflowUpdateFailedError('update failed', ApplicationFailure.create({ type: 'Unexpected', message: 'boom' })), command);
    expect(statusOf(e)).toBe(500);
    expect(bodyOf(e)).toMatchObject({ code: 'command-failed-in-workflow' });
    expect(bodyOf(e).message).toContain('boom');
  });

  it('leaves an error it does not know unchanged', () => {
    const err = new TypeError('x is undefined');
    expect(toHttpError(err, command)).toBe(err);
  });
});

describe('PostgreSQL errors in HTTP terms', () => {
  it('PostgreSQL out of reach or shutting down is a 503 naming PostgreSQL', () => {
    for (const err of [
      Object.assign(new Error('terminating connection due to administrator command'), { driverError: { code: '57P01' } }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ]) {
      const e = toHttpErrorFromDatabase(err);
      expect([err.message, statusOf(e), bodyOf(e).code]).toEqual([err.message, 503, 'postgres-unreachable']);
    }
  });

  it('a value PostgreSQL cannot read is the request’s 400; other database errors are unchanged', () => {
    expect(statusOf(toHttpErrorFromDatabase(Object.assign(new Error('invalid input syntax'), { driverError: { code: '22P02' } })))).toBe(400);
    const unique = Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } });
    expect(toHttpErrorFromDatabase(unique)).toBe(unique);
  });
});

describe('the answer the API sends', () => {
  function fakeResponse() {
    const sent: { status?: number; headers: Record<string, string>; body?: unknown; locals: Record<string, unknown> } = { headers: { 'x-request-id': 'req-1' }, locals: {} };
    const res = {
      headersSent: false,
      locals: sent.locals,
      status(code: number) { sent.status = code; return res; },
      setHeader(name: string, value: string) { sent.headers[name] = value; },
      getHeader(name: string) { return sent.headers[name]; },
      json(body: unknown) { sent.body = body; },
      end() {},
    };
    const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({}) }) };
    return { sent, host: host as never };
  }

  it('a 504 or 503 carries Retry-After, and the request log its code', () => {
    const { sent, host } = fakeResponse();
    new ApiExceptionFilter().catch(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'), host);
    expect(sent.status).toBe(504);
    expect(sent.headers['Retry-After']).toBe('5');
    expect(sent.locals.errorCode).toBe('workflow-timeout');
  });

  it('a request-level error keeps its 4xx (a body too large is 413)', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, statusCode: 413, expose: true, type: 'entity.too.large' });
    expect(answer(tooLarge, 'req-1')).toEqual([413, { statusCode: 413, message: 'request entity too large' }, 'entity.too.large']);
  });

  it('a genuine fault is a 500 naming the request id it is logged under, never a bare one', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const [status, body] = answer(new TypeError('x is undefined'), 'req-1');
      expect(status).toBe(500);
      expect(body).toMatchObject({ code: 'unexpected', requestId: 'req-1', message: 'An unexpected error: it is logged under request id req-1' });
      expect(String(write.mock.calls[0][0])).toContain('"requestId":"req-1"');
    } finally {
      write.mockRestore();
    }
  });
});

describe('the deadline on calls to Temporal', () => {
  it('is 10 s unless API_TEMPORAL_TIMEOUT_MS says otherwise', () => {
    expect(temporalCallTimeoutMs({})).toBe(10_000);
    expect(temporalCallTimeoutMs({ API_TEMPORAL_TIMEOUT_MS: '2500' })).toBe(2_500);
    expect(temporalCallTimeoutMs({ API_TEMPORAL_TIMEOUT_MS: 'soon' })).toBe(10_000);
  });

  function providerWith(client: unknown, connect?: () => Promise<unknown>) {
    const p = new TemporalClientProvider();
    (p as unknown as { get: () => Promise<unknown> }).get = connect ?? (async () => client);
    return p;
  }
  const timeout = () => Promise.reject(new WorkflowUpdateRPCTimeoutOrCancelledError('timeout'));
  const ctx = { what: 'matter M-1', command: true };

  it('runs the call under one deadline, and a timeout with Temporal answering is a 504', async () => {
    let deadline = 0;
    const client = {
      withDeadline: (d: number, fn: () => Promise<unknown>) => ((deadline = d), fn()),
      connection: { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflowService: { getSystemInfo: async () => ({}) } },
    };
    const before = Date.now();
    await expect(providerWith(client).call(ctx, timeout)).rejects.toMatchObject({ status: 504 });
    expect(deadline).toBeGreaterThanOrEqual(before + 10_000);
    expect(deadline).toBeLessThanOrEqual(Date.now() + 10_000);
  });

  it('a timeout with Temporal not answering is a 503 naming Temporal, and so is no connection at all', async () => {
    const client = {
      withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(),
      connection: { withDeadline: (_d: number, fn: () => Promise<unknown>) => fn(), workflowService: { getSystemInfo: () => Promise.reject(grpcError(14, 'unavailable')) } },
    };
    await expect(providerWith(client).call(ctx, timeout)).rejects.toMatchObject({ status: 503, code: 'temporal-unreachable' });
    await expect(providerWith(null, () => Promise.reject(new Error('Failed to connect before the deadline'))).call(ctx, timeout)).rejects.toMatchObject({ status: 503, code: 'temporal-unreachable' });
  });
});
