import { describe, expect, it } from 'vitest';
import { createKroEnvironment } from '../cel/library/createKroEnvironment.js';
import { OMIT, removeOmitted, toJsonValue } from './toJsonValue.js';
import { toCelValue } from './toCelValue.js';

const env = createKroEnvironment({ omit: true });
const json = (expr: string) => toJsonValue(env.evaluate(expr));

describe('toJsonValue (kro-spec §3.8)', () => {
  it('converts CEL results to the JSON kro writes', () => {
    expect(json('1 + 2')).toBe(3);
    expect(json('1.5')).toBe(1.5);
    expect(json('3u')).toBe(3);
    expect(json('[1, "a", true, null]')).toEqual([1, 'a', true, null]);
    expect(json('{"a": {"b": [1]}}')).toEqual({ a: { b: [1] } });
    expect(json('timestamp("2024-01-02T03:04:05.678Z")')).toBe('2024-01-02T03:04:05Z');
    expect(json('duration("90m")')).toBe('1h30m0s');
    expect(json('optional.none()')).toBeNull();
    expect(json('optional.of(2)')).toBe(2);
    expect(json('omit()')).toBe(OMIT);
  });

  it('refuses bytes and library objects with kro\'s message', () => {
    expect(() => json('b"abc"')).toThrow('bytes value cannot be used directly in a resource template or status field; encode it explicitly, e.g. base64.encode(...)');
    expect(() => json('quantity("1Gi")')).toThrow(/unsupported type/);
  });

  it('strips omitted map keys and list elements', () => {
    expect(removeOmitted({ a: OMIT, b: [1, OMIT, { c: OMIT, d: 2 }] })).toEqual({ b: [1, { d: 2 }] });
  });
});

describe('toCelValue', () => {
  it('types numbers by schema as UnstructuredToVal does, and decodes format: byte', () => {
    const schema = { type: 'object' as const, properties: { i: { type: 'integer' as const }, n: { type: 'number' as const }, b: { type: 'string' as const, format: 'byte' } } };
    const v = toCelValue({ i: 3, n: 2, b: 'aGk=', free: 4, f: 1.5 }, schema, (s) => s) as Record<string, unknown>;
    expect(v.i).toBe(3n);
    expect(v.n).toBe(2);
    expect(v.b).toEqual(new Uint8Array([104, 105]));
    expect(v.free).toBe(4n);
    expect(v.f).toBe(1.5);
  });
});
