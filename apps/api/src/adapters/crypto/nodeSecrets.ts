import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { PasswordHasher, Secrets } from '../../ports/Secrets.js';

export const nodeSecrets: Secrets = {
  newId: () => randomUUID(),
  newToken: () => randomBytes(32).toString('base64url'),
  sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  equal: (a, b) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  },
};

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))));
}

export interface ScryptParams {
  /** CPU/memory cost, a power of two. 2^15 with r=8 takes ~32 MiB and tens of milliseconds. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

/**
 * scrypt password hashes, stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be raised later
 * without invalidating existing hashes.
 */
export function scryptPasswordHasher(params: ScryptParams = DEFAULT_SCRYPT): PasswordHasher {
  const maxmem = 256 * params.N * params.r;
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await scryptAsync(password, salt, 32, { N: params.N, r: params.r, p: params.p, maxmem });
      return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
    },
    async verify(password, stored) {
      const parts = stored.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
      if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
      const expected = Buffer.from(parts[5]!, 'base64url');
      const key = await scryptAsync(password, Buffer.from(parts[4]!, 'base64url'), expected.length, { N, r, p, maxmem: 256 * N * r });
      return key.length === expected.length && timingSafeEqual(key, expected);
    },
  };
}
