import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';
import { EncryptionCodec, TemporalSettings, encryptionCodecFromEnv, temporalSettings } from '@conduct/temporal';

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
  private connection?: Connection;
  private client?: Client;
  private connecting?: Promise<Client>;

  async get(): Promise<Client> {
    if (this.client) return this.client;
    // One connection however many requests arrive while it is being made; a failed attempt is tried again next time.
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<Client> {
    this.connection = await Connection.connect({
      address: this.settings.address,
      connectTimeout: 2_000,
      interceptors: [makeGrpcRetryInterceptor(defaultGrpcRetryOptions({ maxAttempts: TEMPORAL_CALL_ATTEMPTS }))],
      // After a restart of Temporal the channel reconnects within a second, not after gRPC's default back-off (up to 2 min).
      channelArgs: { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 1_000 },
    });
    this.client = new Client({ connection: this.connection, namespace: this.settings.namespace, dataConverter: { payloadCodecs: this.codec ? [this.codec] : [] } });
    return this.client;
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection?.close();
  }
}
