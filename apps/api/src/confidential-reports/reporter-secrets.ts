import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import type { EncryptionCodec } from '@conduct/temporal';
import { confidentialReference } from '@conduct/domain';
import { openJson, sealJson } from '../common/sealed';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

/**
 * scrypt's cost: N = 2^12 (4 MiB with r = 8), measured at about 70 ms a check on this 2-core machine under load (2^14
 * took 250 ms). The secret is 256 random bits, beyond guessing whatever the cost, so stretching buys nothing against
 * guessing: the hash keeps a stolen table from opening reports, and a low cost keeps the check, which anyone may ask
 * for, from being a way to load the API. The cost is written in each hash, so it can be raised for new reports.
 */
const COST = { N: 2 ** 12, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;

/** A new report's reference and secret: the secret 256 random bits, shown to the reporter once and never stored. */
export function newReferenceAndSecret(): { reference: string; secret: string } {
  return { reference: confidentialReference(randomBytes(12)), secret: randomBytes(32).toString('base64url') };
}

/** The secret's stored form: `scrypt$N$r$p$salt$hash` (base64url), so the cost can be raised for new reports. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KEY_LENGTH, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** A hash of nothing: checked against when the reference is unknown, so an unknown reference takes as long as a wrong secret. */
let decoy: Promise<string> | undefined;

/** Whether `secret` is the one hashed in `stored` (constant time); with no stored hash, false after the same work. */
export async function secretMatches(secret: string, stored: string | undefined): Promise<boolean> {
  const against = stored ?? (await (decoy ??= hashSecret(randomBytes(32).toString('base64url'))));
  const [scheme, n, r, p, salt, hash] = against.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(secret, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: COST.maxmem });
  return timingSafeEqual(actual, expected) && stored !== undefined;
}

/** The reporter's identity sealed with the payload keys (apps/api/src/common/sealed.ts), as `{ identity }`. */
export async function sealIdentity(codec: EncryptionCodec, identity: string): Promise<{ sealed: Buffer; keyId: string }> {
  return sealJson(codec, { identity });
}

export async function openIdentity(codec: EncryptionCodec, sealed: Buffer, keyId: string): Promise<string> {
  return (await openJson<{ identity: string }>(codec, sealed, keyId)).identity;
}
