import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fnv64a, md5, sha256 } from './hashFunctions.js';
import { encodeUtf8 } from './utf8.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Inputs around the 55/56/64-byte padding boundaries, multi-block, empty and non-ASCII. */
const INPUTS = ['', 'a', 'abc', 'hello', 'héllo😀', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(63), 'x'.repeat(64), 'x'.repeat(65), 'y'.repeat(1000)];

describe('hash functions', () => {
  it.each(INPUTS)('sha256 and md5 match node:crypto for %j', (s) => {
    const bytes = encodeUtf8(s);
    expect(hex(sha256(bytes))).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
    expect(hex(md5(bytes))).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
  });

  it('fnv64a matches the FNV-1a 64-bit reference values (big-endian sum, as Go appends it)', () => {
    // Reference values of FNV-1a 64 (offset basis cbf29ce484222325, prime 100000001b3).
    expect(hex(fnv64a(encodeUtf8('')))).toBe('cbf29ce484222325');
    expect(hex(fnv64a(encodeUtf8('a')))).toBe('af63dc4c8601ec8c');
    expect(hex(fnv64a(encodeUtf8('foobar')))).toBe('85944171f73967e8');
  });
});
