import { createCipheriv, createDecipheriv, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { isProduction, setting } from '@conduct/config';

const ENCODING = 'binary/encrypted';
const ALGORITHM = 'aes-256-gcm';

/**
 * Encrypts every payload Temporal stores (workflow inputs and results, signals, updates, queries,
 * activity arguments) with AES-256-GCM, so subjects' names and dates of birth never sit in Temporal's
 * history in plain text. Each payload names the key that sealed it, so keys can rotate: new payloads
 * use the current key, old ones still open with theirs.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    const key = keys.get(currentKeyId);
    if (!key) throw new Error(`payload encryption: the current key '${currentKeyId}' is not among the keys`);
    for (const [id, k] of keys) if (k.length !== 32) throw new Error(`payload encryption: key '${id}' must be 32 bytes (256 bits)`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv(ALGORITHM, this.keys.get(this.currentKeyId)!, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { encoding: Buffer.from(ENCODING), 'encryption-key-id': Buffer.from(this.currentKeyId) },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (Buffer.from(payload.metadata?.encoding ?? []).toString() !== ENCODING) return payload;
      const keyId = Buffer.from(payload.metadata?.['encryption-key-id'] ?? []).toString();
      const key = this.keys.get(keyId);
      if (!key) throw new Error(`payload encryption: no key '${keyId}' to open this payload`);
      const data = Buffer.from(payload.data ?? []);
      const decipher = createDecipheriv(ALGORITHM, key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/**
 * The codec from the environment: PAYLOAD_ENCRYPTION_KEYS is JSON `{ "<key id>": "<32 bytes, base64>" }`
 * and PAYLOAD_ENCRYPTION_KEY_ID names the current one. Without keys, payloads are not encrypted, except in
 * production, where that is refused rather than written in plain text.
 */
export function encryptionCodecFromEnv(env: NodeJS.ProcessEnv = process.env): EncryptionCodec | undefined {
  const parsed = setting('PAYLOAD_ENCRYPTION_KEYS', env);
  if (!parsed) {
    if (isProduction(env)) throw new Error('PAYLOAD_ENCRYPTION_KEYS: required in production (NODE_ENV=production), not set');
    return undefined;
  }
  const keys = new Map(Object.entries(parsed).map(([id, b64]) => [id, Buffer.from(b64, 'base64')]));
  const current = setting('PAYLOAD_ENCRYPTION_KEY_ID', env) ?? [...keys.keys()].pop();
  if (!current) throw new Error('PAYLOAD_ENCRYPTION_KEYS holds no key');
  return new EncryptionCodec(keys, current);
}

/** The embedded default's key, kept in the data folder so a restart can still read its history. */
export function embeddedPayloadKeys(dataDir: string): { PAYLOAD_ENCRYPTION_KEYS: string; PAYLOAD_ENCRYPTION_KEY_ID: string } {
  const file = path.join(dataDir, 'payload-keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ 'embedded-1': randomBytes(32).toString('base64') }), { mode: 0o600 });
  }
  const keys = fs.readFileSync(file, 'utf8');
  return { PAYLOAD_ENCRYPTION_KEYS: keys, PAYLOAD_ENCRYPTION_KEY_ID: Object.keys(JSON.parse(keys)).pop()! };
}
