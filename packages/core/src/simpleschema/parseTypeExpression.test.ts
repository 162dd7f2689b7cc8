import { describe, expect, it } from 'vitest';
import { customTypeRefs, parseTypeExpression } from './parseTypeExpression.js';

describe('parseTypeExpression', () => {
  it('parses atomics, object, slices, maps and custom names with their ranges', () => {
    expect(parseTypeExpression('string')).toEqual({ type: { kind: 'atomic', name: 'string', start: 0, end: 6 }, errors: [] });
    expect(parseTypeExpression('  float ')).toEqual({ type: { kind: 'atomic', name: 'float', start: 2, end: 7 }, errors: [] });
    expect(parseTypeExpression('object').type).toEqual({ kind: 'object', start: 0, end: 6 });
    expect(parseTypeExpression('[] map[string] Port').type).toEqual({
      kind: 'slice',
      start: 0,
      end: 19,
      elem: { kind: 'map', start: 3, end: 19, value: { kind: 'custom', name: 'Port', start: 15, end: 19 } },
    });
  });

  it('treats unknown names, including number/int/bool, as custom types', () => {
    for (const name of ['number', 'int', 'bool', 'array', 'String', 'map [string]string', 'My Type']) {
      expect(parseTypeExpression(name).type).toMatchObject({ kind: 'custom', name });
    }
  });

  it('reports kro errors with their ranges', () => {
    const err = (s: string) => parseTypeExpression(s).errors[0];
    expect(err('')).toMatchObject({ code: 'simpleschema/empty-type', message: 'empty type' });
    expect(err('   ')).toMatchObject({ message: 'empty type', start: 0, end: 3 });
    expect(err('[]')).toMatchObject({ message: 'empty slice element type', start: 0, end: 2 });
    expect(err('[][] ')).toMatchObject({ message: 'empty slice element type', start: 2, end: 4 });
    expect(err('map[integer]string')).toMatchObject({ message: 'map key must be string', start: 0, end: 12 });
    expect(err('map[stringX')).toMatchObject({ message: 'map key must be string', start: 0, end: 11 });
    expect(err('map[string]')).toMatchObject({ message: 'map value type is required', start: 0, end: 11 });
    expect(err('map[string] []')).toMatchObject({ message: 'empty slice element type', start: 12, end: 14 });
  });

  it('allows 16 levels of nesting and quotes the untrimmed rest at 17', () => {
    expect(parseTypeExpression(`${'[]'.repeat(16)}string`).errors).toEqual([]);
    expect(parseTypeExpression(`${'[]'.repeat(17)} string`).errors[0]).toMatchObject({
      code: 'simpleschema/nesting-too-deep',
      message: 'type nesting too deep (max 16): " string"',
      start: 35,
      end: 41,
    });
    expect(parseTypeExpression(`${'map[string] '.repeat(17)}string`).errors[0]?.message).toBe('type nesting too deep (max 16): "string"');
  });

  it('stops at depth 17 on a 100,000-character type', () => {
    const r = parseTypeExpression('[]'.repeat(50_000));
    expect(r.errors[0]?.code).toBe('simpleschema/nesting-too-deep');
  });

  it('lists the custom type a type expression refers to', () => {
    expect(customTypeRefs(parseTypeExpression('map[string][]Port').type!)).toEqual([{ kind: 'custom', name: 'Port', start: 13, end: 17 }]);
    expect(customTypeRefs(parseTypeExpression('[]string').type!)).toEqual([]);
  });
});
