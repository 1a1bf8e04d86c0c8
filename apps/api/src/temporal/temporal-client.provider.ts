import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { EncryptionCodec, TemporalSettings, encryptionCodecFromEnv, temporalSettings } from '@conduct/temporal';

/** One connection to Temporal for the API process, closed on shutdown. */
@Injectable()
export class TemporalClientProvider implements OnModuleDestroy {
  readonly settings: TemporalSettings = temporalSettings();
  /** Personal data is encrypted before it reaches Temporal; the codec endpoint opens it for the Web UI. */
  readonly codec: EncryptionCodec | undefined = encryptionCodecFromEnv();
  private connection?: Connection;
  private client?: Client;

  async get(): Promise<Client> {
    if (!this.client) {
      this.connection = await Connection.connect({ address: this.settings.address });
      this.client = new Client({ connection: this.connection, namespace: this.settings.namespace, dataConverter: { payloadCodecs: this.codec ? [this.codec] : [] } });
    }
    return this.client;
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection?.close();
  }
}
