import { randomBytes, randomUUID } from 'crypto';
import type { QueryRunner } from 'typeorm';
import { EncryptionCodec } from '@conduct/temporal';
import { findPersonCharacteristics, upsertPersonCharacteristics } from '@conduct/persistence';
import { eachTestRolledBack } from '../../../../test/support/rolled-back';
import { openCharacteristics, sealCharacteristics } from './characteristics';

/** A person's protected characteristics on a real PostgreSQL: each test in a transaction it rolls back. */
const rolledBack = eachTestRolledBack();
let q: QueryRunner;
beforeEach(() => {
  q = rolledBack.query();
});

const keys = new Map([['k1', randomBytes(32)], ['k2', randomBytes(32)]]);

async function newPerson(): Promise<string> {
  const [row] = await q.query(`INSERT INTO person (force_id, number_kind, number) VALUES ($1, 'warrant-number', $2) RETURNING id::text AS id`, [`f-${randomUUID()}`, randomUUID().slice(0, 8)]);
  return row.id;
}

describe("a person's protected characteristics on PostgreSQL", () => {
  it('the stored row holds none of the values in plain text, and opens to them with the key id beside it', async () => {
    const personId = await newPerson();
    const values = { sex: 'female' as const, ethnicity: 'white-gypsy-or-irish-traveller' as const, dateOfBirth: '1987-04-23' };
    const { sealed, keyId } = await sealCharacteristics(new EncryptionCodec(keys, 'k1'), values);
    await upsertPersonCharacteristics(q, { personId, sealed, keyId, source: 'HR system export 2026-11', recordedBy: 'aa-1' });

    const [raw] = await q.query(`SELECT sealed, concat_ws('|', person_id, key_id, source, recorded_at, recorded_by) AS rest FROM person_characteristics WHERE person_id = $1`, [personId]);
    const stored = `${(raw.sealed as Buffer).toString('latin1')}|${(raw.sealed as Buffer).toString('utf8')}|${raw.rest}`;
    for (const plain of ['female', 'gypsy', '1987-04-23', '"sex"', 'ethnicity', 'dateOfBirth']) expect(stored).not.toContain(plain);
    const [row] = await findPersonCharacteristics(q, [personId]);
    expect(row).toMatchObject({ personId, keyId: 'k1', source: 'HR system export 2026-11', recordedBy: 'aa-1', recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    // After the payload key rotates, the old record still opens by its key id.
    expect(await openCharacteristics(new EncryptionCodec(keys, 'k2'), row.sealed, row.keyId)).toEqual(values);
  });

  it('a new record replaces the old whole, one row per person; people without one are not listed', async () => {
    const personId = await newPerson();
    const other = await newPerson();
    const codec = new EncryptionCodec(keys, 'k1');
    const first = await sealCharacteristics(codec, { sex: 'male', ethnicity: null, dateOfBirth: null });
    await upsertPersonCharacteristics(q, { personId, ...first, source: 'first', recordedBy: 'aa-1' });
    const second = await sealCharacteristics(new EncryptionCodec(keys, 'k2'), { sex: null, ethnicity: 'other-arab', dateOfBirth: null });
    await upsertPersonCharacteristics(q, { personId, ...second, source: 'second', recordedBy: 'admin-1' });
    const rows = await findPersonCharacteristics(q, [personId, other, 'not-an-id']);
    expect(rows.map((r) => [r.personId, r.keyId, r.source, r.recordedBy])).toEqual([[personId, 'k2', 'second', 'admin-1']]);
    expect(await openCharacteristics(codec, rows[0].sealed, rows[0].keyId)).toEqual({ sex: null, ethnicity: 'other-arab', dateOfBirth: null });
  });

  it('is kept only for a person the engine knows', async () => {
    const { sealed, keyId } = await sealCharacteristics(new EncryptionCodec(keys, 'k1'), { sex: 'male', ethnicity: null, dateOfBirth: null });
    await expect(upsertPersonCharacteristics(q, { personId: '999999999999', sealed, keyId, source: 's', recordedBy: 'aa-1' })).rejects.toThrow(/foreign key/);
  });
});
