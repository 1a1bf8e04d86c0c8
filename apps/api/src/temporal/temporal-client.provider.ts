import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { TemporalSettings, temporalSettings } from '@conduct/temporal';

/** One connection to Temporal for the API process, closed on shutdown. */
@Injectable()
export class TemporalClientProvider implements OnModuleDestroy {
  readonly settings: TemporalSettings = temporalSettings();
  private connection?: Connection;
  private client?: Client;

  async get(): Promise<Client> {
    if (!this.client) {
      this.connection = await Connection.connect({ address: this.settings.address });
      this.client = new Client({ connection: this.connection, namespace: this.settings.namespace });
    }
    return this.client;
  }

  async onModuleDestroy(): Promise<void> {
    await this.connection?.close();
  }
}
