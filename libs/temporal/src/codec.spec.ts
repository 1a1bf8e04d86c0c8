import { randomBytes } from 'crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, encryptionCodecFromEnv } from './codec';

describe('the payload encryption codec', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const subject = { name: 'Zebedee Quartermain', dateOfBirth: '1980-02-29' };

  it('seals a payload so the name is not in its bytes, and opens it again', async () => {
    const codec = new EncryptionCodec(new Map([['k1', k1]]), 'k1');
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(subject)]);
    expect(Buffer.from(sealed.data!).toString('latin1')).not.toContain('Quartermain');
    expect(Buffer.from(sealed.metadata!['encryption-key-id']!).toString()).toBe('k1');
    const [opened] = await codec.decode([sealed]);
    expect(defaultPayloadConverter.fromPayload(opened)).toEqual(subject);
  });

  it('opens payloads sealed with an earlier key after the current key rotates', async () => {
    const old = new EncryptionCodec(new Map([['k1', k1]]), 'k1');
    const [sealed] = await old.encode([defaultPayloadConverter.toPayload(subject)]);
    const rotated = new EncryptionCodec(new Map([['k1', k1], ['k2', k2]]), 'k2');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([sealed]))[0])).toEqual(subject);
    const [resealed] = await rotated.encode([defaultPayloadConverter.toPayload(subject)]);
    expect(Buffer.from(resealed.metadata!['encryption-key-id']!).toString()).toBe('k2');
  });

  it('refuses a tampered payload and a payload whose key is unknown', async () => {
    const codec = new EncryptionCodec(new Map([['k1', k1]]), 'k1');
    const [sealed] = await codec.encode([defaultPayloadConverter.toPayload(subject)]);
    const tampered = { ...sealed, data: Buffer.from(sealed.data!).map((b, i) => (i === 20 ? b ^ 1 : b)) };
    await expect(codec.decode([tampered])).rejects.toThrow();
    await expect(new EncryptionCodec(new Map([['k2', k2]]), 'k2').decode([sealed])).rejects.toThrow(/no key 'k1'/);
  });

  it('leaves unencrypted payloads alone, and reads its keys from the environment', async () => {
    const plain = defaultPayloadConverter.toPayload(subject);
    const codec = encryptionCodecFromEnv({ PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ a: k1.toString('base64') }) })!;
    expect(await codec.decode([plain])).toEqual([plain]);
    expect(encryptionCodecFromEnv({})).toBeUndefined();
    expect(() => encryptionCodecFromEnv({ PAYLOAD_ENCRYPTION_KEYS: JSON.stringify({ a: 'c2hvcnQ=' }) })).toThrow(/32 bytes/);
  });
});
