import type { Payload } from '@temporalio/common';
import type { EncryptionCodec } from '@conduct/temporal';

/**
 * A value kept in PostgreSQL sealed with the payload keys (PAYLOAD_ENCRYPTION_KEYS, AES-256-GCM, required in
 * production): the same keys and the same rotation as everything the engine keeps in Temporal. The key's id is kept
 * beside the sealed bytes so an old value still opens after a rotation.
 */
export async function sealJson(codec: EncryptionCodec, value: unknown): Promise<{ sealed: Buffer; keyId: string }> {
  const [payload] = await codec.encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify(value)) }]);
  return { sealed: Buffer.from(payload.data ?? []), keyId: Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString() };
}

export async function openJson<T>(codec: EncryptionCodec, sealed: Buffer, keyId: string): Promise<T> {
  const payload: Payload = { metadata: { encoding: Buffer.from('binary/encrypted'), 'encryption-key-id': Buffer.from(keyId) }, data: sealed };
  const [plain] = await codec.decode([payload]);
  return JSON.parse(Buffer.from(plain.data ?? []).toString('utf8')) as T;
}
