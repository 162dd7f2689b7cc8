import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKroEnvironment } from './createKroEnvironment.js';
import { formatCelValue } from './formatCelValue.js';
import { seededInt, seededString } from './kroLibrary.js';

/**
 * Independent derivation of kro's random functions (pkg/cel/library/random.go), with node:crypto:
 * seededString: h = sha256(seed); char i = "0-9a-z"[uint32be(h, (4i) mod 32) mod 36] — the digest is never
 * regenerated, because a 4-byte window starting at (4i) mod 32 always fits in 32 bytes, so the text repeats every
 * 8 characters. seededInt: min + uint64be(h, 0) mod (max - min).
 */
function referenceString(n: number, seed: string): string {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  const chars = '0123456789abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: n }, (_, i) => chars[h.readUInt32BE((i * 4) % 32) % 36]).join('');
}

function referenceInt(min: bigint, max: bigint, seed: string): bigint {
  const h = createHash('sha256').update(seed, 'utf8').digest();
  return min + (h.readBigUInt64BE(0) % (max - min));
}

describe('kro random', () => {
  it.each(['', 'my-seed', 'x', 'namespace/name', 'héllo😀'])('seededString matches the derivation for %j', (seed) => {
    expect(seededString(25n, seed)).toBe(referenceString(25, seed));
  });

  it('repeats with a period of 8 characters', () => {
    const s = seededString(32n, 'period');
    expect(s.slice(8, 16)).toBe(s.slice(0, 8));
    expect(s.slice(24)).toBe(s.slice(0, 8));
  });

  it('rejects non-positive lengths with kro\'s message', () => {
    expect(() => seededString(0n, 'x')).toThrow('random.seededString length must be positive');
    expect(() => seededString(-3n, 'x')).toThrow('random.seededString length must be positive');
  });

  it.each([
    [0n, 100n, 'a'],
    [30000n, 32768n, 'my-instance'],
    [-5n, 5n, 'z'],
  ] as const)('seededInt(%s, %s, %j) matches the derivation', (min, max, seed) => {
    expect(seededInt(min, max, seed)).toBe(referenceInt(min, max, seed));
  });

  it('seededInt wraps like Go int64 arithmetic over the full range', () => {
    // max - min overflows int64 to -1, i.e. a uint64 range of 2^64 - 1 (kro's Go code, same vector in vectors.json).
    expect(seededInt(-9223372036854775808n, 9223372036854775807n, 'x')).toBe(-5948949156983295932n);
  });
});

describe('kro library through the environment', () => {
  const env = createKroEnvironment();
  const run = (e: string): string => formatCelValue(env.evaluate(e));

  it('hashes return bytes that must be encoded to be written', () => {
    expect(env.check('hash.sha256("x")').type).toBe('bytes');
    expect(run('base64.encode(hash.sha256("hello"))')).toBe(JSON.stringify(createHash('sha256').update('hello').digest('base64')));
  });

  it('merge lets the argument win', () => {
    expect(run('{"a": 1, "b": 2}.merge({"b": 3})')).toBe('{"a": 1, "b": 3}');
  });

  it('lists functions copy and report kro\'s bounds errors', () => {
    expect(run('lists.insertAtIndex([1, 2], 2, 3)')).toBe('[1, 2, 3]');
    expect(() => env.evaluate('lists.setAtIndex([], 0, 1)')).toThrow('lists.setAtIndex: index 0 out of bounds [0, 0)');
  });

  it('json.marshal reports a statically int-keyed map like kro, though cel-js makes its keys strings', () => {
    expect(() => env.evaluate('json.marshal({"a": [{1: true}]})')).toThrow('map key must be string, got int64');
    expect(run('json.marshal({"1": true})')).toBe(JSON.stringify('{"1":true}'));
  });
});
