import { describe, expect, it } from 'vitest';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { canonicalSchema, compareGoStrings } from './canonicalSchema.js';

describe('canonicalSchema', () => {
  it('orders keys like JSONSchemaProps and sorts property names', () => {
    const out = canonicalSchema({
      properties: { b: { type: 'string' }, a: { default: 1, type: 'integer', minimum: 0, description: 'x' } },
      required: ['b'],
      type: 'object',
      'x-kubernetes-validations': [{ message: 'm', rule: 'self.a > 0' }],
      description: 'root',
    });
    expect(Object.keys(out)).toEqual(['description', 'type', 'required', 'properties', 'x-kubernetes-validations']);
    expect(Object.keys(out.properties!)).toEqual(['a', 'b']);
    expect(Object.keys(out.properties!.a!)).toEqual(['description', 'type', 'default', 'minimum']);
    expect(Object.keys(out['x-kubernetes-validations']![0]!)).toEqual(['rule', 'message']);
  });

  it("drops what Go's omitempty drops and keeps pointer fields", () => {
    const out = canonicalSchema({
      type: 'object',
      description: '',
      required: [],
      properties: {},
      nullable: false,
      exclusiveMinimum: false,
      'x-kubernetes-int-or-string': false,
      'x-kubernetes-preserve-unknown-fields': false,
      minimum: 0,
      default: null,
      enum: [],
    });
    expect(out).toEqual({ type: 'object', minimum: 0, 'x-kubernetes-preserve-unknown-fields': false });
  });

  it('drops keys JSONSchemaProps does not have', () => {
    const out = canonicalSchema({ type: 'string', bogus: 1 } as OpenApiSchema);
    expect(out).toEqual({ type: 'string' });
  });

  it('handles schema-or-bool, nested items and combinators', () => {
    const out = canonicalSchema({
      type: 'object',
      additionalProperties: { type: 'array', items: { type: 'string', enum: ['b', 'a'] } },
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
      not: { type: 'object', additionalProperties: false },
    });
    expect(out).toEqual({
      type: 'object',
      oneOf: [{ required: ['a'] }, { required: ['b'] }],
      not: { type: 'object', additionalProperties: false },
      additionalProperties: { type: 'array', items: { type: 'string', enum: ['b', 'a'] } },
    });
    expect(Object.keys(out)).toEqual(['type', 'oneOf', 'not', 'additionalProperties']);
  });

  it('copies default values verbatim, including their own key order', () => {
    const input: OpenApiSchema = { type: 'object', default: { z: 1, a: { y: 2, b: 3 } } };
    const out = canonicalSchema(input);
    expect(JSON.stringify(out.default)).toBe('{"z":1,"a":{"y":2,"b":3}}');
    expect(out.default).not.toBe(input.default);
  });

  it('keeps a property named __proto__ as a property', () => {
    const properties = JSON.parse('{"__proto__": {"type": "string"}, "a": {"type": "integer"}}') as Record<string, OpenApiSchema>;
    const out = canonicalSchema({ type: 'object', properties });
    expect(Object.keys(out.properties!)).toEqual(['__proto__', 'a']);
    expect(Object.getPrototypeOf(out.properties)).toBe(Object.prototype);
  });
});

describe('compareGoStrings', () => {
  it('orders by code point like Go sorts UTF-8 keys', () => {
    // U+FF21 (fullwidth A) sorts before U+1F600 by code point, after it by UTF-16 code unit.
    expect(['\u{1F600}', '\uFF21', 'b', 'B', 'a'].sort(compareGoStrings)).toEqual(['B', 'a', 'b', '\uFF21', '\u{1F600}']);
    expect(compareGoStrings('ab', 'a')).toBeGreaterThan(0);
    expect(compareGoStrings('a', 'a')).toBe(0);
  });
});
