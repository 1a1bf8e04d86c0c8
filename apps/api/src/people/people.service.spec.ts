import { ServiceUnavailableException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { User } from '../auth/user';
import type { TemporalClientProvider } from '../temporal/temporal-client.provider';
import { PeopleService } from './people.service';

describe("recording a person's protected characteristics", () => {
  const aa: User = { id: 'aa-1', role: 'appropriate-authority', forceId: 'f1', forces: [] };
  const writes: string[] = [];
  const db = {
    query: async (sql: string) => (/FROM person WHERE id/.test(sql) ? [{ id: '7', forceId: 'f1', numberKind: 'warrant-number', number: '4411' }] : []),
    transaction: async () => void writes.push('transaction'),
  } as unknown as DataSource;

  it('without PAYLOAD_ENCRYPTION_KEYS is refused 503 naming the setting, and nothing is written', async () => {
    const people = new PeopleService(db, { codec: undefined } as TemporalClientProvider);
    const refused = await people.recordCharacteristics('7', { sex: 'male', source: 'HR' }, aa, null).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ServiceUnavailableException);
    expect((refused as ServiceUnavailableException).getResponse()).toMatchObject({ setting: 'PAYLOAD_ENCRYPTION_KEYS', message: expect.stringContaining('PAYLOAD_ENCRYPTION_KEYS') });
    expect(writes).toEqual([]);
  });
});
