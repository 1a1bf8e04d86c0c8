import { ethnicityOf, type Ethnicity, type EthnicGroup, type Sex } from '@conduct/domain';
import type { EncryptionCodec } from '@conduct/temporal';
import type { PersonCharacteristicsRow } from '@conduct/persistence';
import { openJson, sealJson } from '../common/sealed';

/** What is sealed: the values alone. Where they come from, when and by whom are kept in the clear beside them. */
export interface CharacteristicValues {
  sex: Sex | null;
  ethnicity: Ethnicity | null;
  dateOfBirth: string | null;
}

export function sealCharacteristics(codec: EncryptionCodec, values: CharacteristicValues): Promise<{ sealed: Buffer; keyId: string }> {
  return sealJson(codec, values);
}

/** Opens a person's sealed characteristics (the Home Office return reads them with findPersonCharacteristics). */
export function openCharacteristics(codec: EncryptionCodec, sealed: Buffer, keyId: string): Promise<CharacteristicValues> {
  return openJson<CharacteristicValues>(codec, sealed, keyId);
}

/** The person record's `characteristics`: the values, the ethnicity's high-level group, and where they come from. */
export interface CharacteristicsView extends CharacteristicValues {
  ethnicGroup: EthnicGroup | null;
  source: string;
  recordedAt: string;
  recordedBy: string;
}

export async function characteristicsView(codec: EncryptionCodec, row: PersonCharacteristicsRow): Promise<CharacteristicsView> {
  const values = await openCharacteristics(codec, row.sealed, row.keyId);
  return {
    sex: values.sex, ethnicity: values.ethnicity, ethnicGroup: (values.ethnicity && ethnicityOf(values.ethnicity)?.group) || null, dateOfBirth: values.dateOfBirth,
    source: row.source, recordedAt: row.recordedAt, recordedBy: row.recordedBy,
  };
}
