import { ConflictException } from '@nestjs/common';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { QueryFailedError } from 'typeorm';
import { serverUnavailable, unavailableServer } from './unavailable';

/** What grpc-js gives when the server is not there: a numeric status code, details and metadata. */
const grpcError = (code: number, details: string) => Object.assign(new Error(`${code} ${details}`), { code, details, metadata: {} });
const systemError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5433`), { code });

describe('which server an error says is down', () => {
  it('names Temporal for a call it did not answer (UNAVAILABLE, DEADLINE_EXCEEDED, an update that timed out, no connection)', () => {
    expect(unavailableServer(new ServiceError('Failed to start update', { cause: grpcError(14, 'No connection established') }))).toBe('Temporal');
    expect(unavailableServer(grpcError(4, 'Deadline exceeded'))).toBe('Temporal');
    expect(unavailableServer(new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out', { cause: grpcError(4, 'x') }))).toBe('Temporal');
    expect(unavailableServer(new Error('Failed to connect before the deadline'))).toBe('Temporal');
  });

  it('names PostgreSQL for a refused or cut connection, and for a server shutting down or starting up', () => {
    expect(unavailableServer(systemError('ECONNREFUSED'))).toBe('PostgreSQL');
    expect(unavailableServer(new Error('Connection terminated unexpectedly'))).toBe('PostgreSQL');
    const starting = Object.assign(new Error('the database system is starting up'), { code: '57P03' });
    expect(unavailableServer(new QueryFailedError('SELECT 1', [], starting))).toBe('PostgreSQL');
  });

  it('leaves every other error to its own answer: a bad query, a refused decision, a Temporal error that is not about reaching it', () => {
    expect(unavailableServer(new QueryFailedError('SELECT x', [], Object.assign(new Error('syntax error'), { code: '42601' })))).toBeNull();
    expect(unavailableServer(new ConflictException('not at this stage'))).toBeNull();
    expect(unavailableServer(new ServiceError('not found', { cause: grpcError(5, 'workflow not found') }))).toBeNull();
    expect(unavailableServer(new Error('boom'))).toBeNull();
    expect(unavailableServer(undefined)).toBeNull();
  });

  it('answers 503 naming the server and saying a command may be sent again with its Idempotency-Key', () => {
    expect(serverUnavailable('Temporal').getStatus()).toBe(503);
    expect(serverUnavailable('Temporal').getResponse()).toMatchObject({ statusCode: 503, unavailable: 'Temporal', message: expect.stringMatching(/Idempotency-Key/) });
  });
});
