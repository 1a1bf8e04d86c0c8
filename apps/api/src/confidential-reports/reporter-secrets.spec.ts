import { randomBytes } from 'node:crypto';
import { CONFIDENTIAL_REFERENCE } from '@conduct/domain';
import { EncryptionCodec } from '@conduct/temporal';
import { hashSecret, newReferenceAndSecret, openIdentity, sealIdentity, secretMatches } from './reporter-secrets';

describe("a reporter's reference and secret", () => {
  it('each report gets a reference of its own and a secret of 256 random bits', () => {
    const a = newReferenceAndSecret();
    const b = newReferenceAndSecret();
    expect(a.reference).toMatch(CONFIDENTIAL_REFERENCE);
    expect(a.reference).not.toBe(b.reference);
    expect(Buffer.from(a.secret, 'base64url')).toHaveLength(32);
    expect(a.secret).not.toBe(b.secret);
  });

  it('the secret is kept only as a salted scrypt hash, which opens with the secret and nothing else', async () => {
    const { secret } = newReferenceAndSecret();
    const stored = await hashSecret(secret);
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain(secret);
    expect(await hashSecret(secret)).not.toBe(stored);
    expect(await secretMatches(secret, stored)).toBe(true);
    expect(await secretMatches(`${secret}x`, stored)).toBe(false);
    expect(await secretMatches('', stored)).toBe(false);
  });

  it('an unknown reference (no stored hash) never matches, whatever the secret', async () => {
    expect(await secretMatches('anything', undefined)).toBe(false);
  });
});

describe("a reporter's identity", () => {
  const keys = new Map([['k1', randomBytes(32)], ['k2', randomBytes(32)]]);

  it('is sealed with the current payload key, holds no plain text, and opens after the key rotates', async () => {
    const { sealed, keyId } = await sealIdentity(new EncryptionCodec(keys, 'k1'), 'PC 1234 Jane Example');
    expect(keyId).toBe('k1');
    expect(sealed.toString('latin1')).not.toContain('Jane');
    expect(await openIdentity(new EncryptionCodec(keys, 'k2'), sealed, keyId)).toBe('PC 1234 Jane Example');
  });

  it('does not open with another key', async () => {
    const { sealed } = await sealIdentity(new EncryptionCodec(keys, 'k1'), 'someone');
    await expect(openIdentity(new EncryptionCodec(keys, 'k2'), sealed, 'k2')).rejects.toThrow();
  });
});
