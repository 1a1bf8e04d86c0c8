import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { setting } from '@conduct/config';
import { EncryptionCodec, TemporalSettings, encryptionCodecFromEnv, temporalConnectionOptions, temporalSettings, tracingClientInterceptors } from '@conduct/temporal';
import { CallContext, RetryLaterException, temporalUnreachable, toHttpError } from '../common/temporal-errors';

/**
 * How long the API waits for Temporal on one request (an update, a start, a query) before answering 504. A value
 * its declaration refuses stops the API at start (checkConfig); here, as before, it falls back to the default.
 */
export function temporalCallTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  try {
    return setting('API_TEMPORAL_TIMEOUT_MS', env);
  } catch {
    return setting('API_TEMPORAL_TIMEOUT_MS', {});
  }
}

/** How long a probe of Temporal may take once a call has timed out, to tell "busy" from "down". */
const PROBE_MS = 1_500;

/**
 * How long the API keeps retrying a call while Temporal does not answer before it says 503: about 2 s (four
 * retries, 0.1 s growing 1.7-fold). The SDK's default (ten attempts, about 20 s) would keep a caller waiting
 * through most of a restart; a quick 503 lets the caller retry with its Idempotency-Key.
 */
const TEMPORAL_CALL_ATTEMPTS = 5;

/** One connection to Temporal for the API process, closed on shutdown. */
@Injectable()
export class TemporalClientProvider implements OnModuleDestroy {
  readonly settings: TemporalSettings = temporalSettings();
  /** Personal data is encrypted before it reaches Temporal; the codec endpoint opens it for the Web UI. */
  readonly codec: EncryptionCodec | undefined = encryptionCodecFromEnv();
  readonly timeoutMs = temporalCallTimeoutMs();
  private connecting?: Promise<Client>;
  private connection?: Connection;

  /** The client, connected once; a failed connection is tried again by the next request. */
  async get(): Promise<Client> {
    if (!this.connecting) {
      this.connecting = (async () => {
        const connection = await Connection.connect({
          // The address, TLS, a client certificate, an API key: as the worker's connection is given them.
          ...temporalConnectionOptions(),
          connectTimeout: Math.min(this.timeoutMs, 2_000),
          interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: TEMPORAL_CALL_ATTEMPTS }))],
          // After a restart of Temporal the channel reconnects within a second, not after gRPC's default back-off (up to 2 min).
          channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 1_000 },
        });
        this.connection = connection;
        // When tracing, each start and update carries the request's trace in its headers to the workflow.
        return new Client({ connection, namespace: this.settings.namespace, dataConverter: { payloadCodecs: this.codec ? [this.codec] : [] }, interceptors: { workflow: tracingClientInterceptors() } });
      })();
      this.connecting.catch(() => (this.connecting = undefined));
    }
    return this.connecting;
  }

  /**
   * Runs one request's calls to Temporal under one deadline (API_TEMPORAL_TIMEOUT_MS, 10 s by default), so a
   * stuck workflow or an unreachable server cannot hang a request, and answers what went wrong in HTTP terms:
   * a 409 rule refusal, a 404, a 504 when the workflow did not answer in time (Temporal itself answering), a
   * 503 when Temporal cannot be reached. Both of the last carry Retry-After.
   */
  async call<T>(ctx: CallContext, fn: (client: Client) => Promise<T>): Promise<T> {
    const started = Date.now();
    let client: Client;
    try {
      client = await this.get();
    } catch {
      throw temporalUnreachable();
    }
    try {
      return await client.withDeadline(started + this.timeoutMs, () => fn(client));
    } catch (err) {
      const mapped = toHttpError(err, { ...ctx, timeoutMs: this.timeoutMs });
      // A timeout: the workflow did not answer, or Temporal itself is gone (its retries ran into the deadline).
      if (mapped instanceof RetryLaterException && mapped.code === 'workflow-timeout' && !(await this.reachable(client))) throw temporalUnreachable();
      throw mapped;
    }
  }

  /** Whether Temporal answers a cheap call now. */
  private async reachable(client: Client): Promise<boolean> {
    try {
      await client.connection.withDeadline(Date.now() + PROBE_MS, () => client.connection.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection?.close();
  }
}
