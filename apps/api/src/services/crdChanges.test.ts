import { describe, expect, it } from 'vitest';
import type { OpenApiSchema } from '@kro-designer/core';
import { compareCrdSchemas, compareCrds, describeBreakingChanges } from './crdChanges.js';

const obj = (properties: Record<string, OpenApiSchema>, required?: string[]): OpenApiSchema => ({ type: 'object', properties, ...(required ? { required } : {}) });
const root = (spec: OpenApiSchema): OpenApiSchema => obj({ spec });

describe('compareCrdSchemas', () => {
  it('reports nothing for identical schemas', () => {
    const s = root(obj({ name: { type: 'string' } }));
    expect(compareCrdSchemas(s, s)).toEqual([]);
  });

  it('classifies a removed field, a type change and a restricted enum as breaking, with kro wording', () => {
    const before = root(obj({ name: { type: 'string' }, port: { type: 'integer' }, tier: { type: 'string', enum: ['a', 'b'] } }));
    const after = root(obj({ port: { type: 'string' }, tier: { type: 'string', enum: ['a'] } }));
    const changes = compareCrdSchemas(before, after);
    expect(changes.map((c) => [c.path, c.kind, c.breaking, c.message])).toEqual([
      ['spec.name', 'field-removed', true, 'Property name was removed'],
      ['spec.port', 'type-changed', true, 'Type changed from integer to string'],
      ['spec.tier', 'enum-restricted', true, 'Enum value "b" was removed'],
    ]);
    expect(describeBreakingChanges(changes)).toBe('Property name was removed; Type changed from integer to string; Enum value "b" was removed');
  });

  it('treats a new required field without default as breaking, with a default or optional as not', () => {
    const before = root(obj({ a: { type: 'string' } }));
    const after = root(obj({ a: { type: 'string' }, b: { type: 'string' }, c: { type: 'string', default: 'x' }, d: { type: 'string' } }, ['b', 'c']));
    const changes = compareCrdSchemas(before, after);
    expect(changes.filter((c) => c.breaking).map((c) => c.message)).toEqual(['Required property b was added']);
    expect(changes.filter((c) => !c.breaking).map((c) => c.message)).toEqual(['Optional property c was added', 'Optional property d was added']);
  });

  it('tightened bounds break, relaxed ones do not; summary cuts after three', () => {
    const before = root(obj({ n: { type: 'integer', minimum: 1, maximum: 10 }, s: { type: 'string' }, t: { type: 'string' }, u: { type: 'string' } }));
    const after = root(obj({ n: { type: 'integer', minimum: 2, maximum: 20 }, s: { type: 'string', maxLength: 5 }, t: { type: 'string', pattern: '^a' }, u: { type: 'integer' } }));
    const changes = compareCrdSchemas(before, after);
    expect(changes.filter((c) => !c.breaking).map((c) => c.changeType)).toEqual(['MAXIMUM_INCREASED']);
    expect(describeBreakingChanges(changes)).toBe('Minimum was increased from 1 to 2; MaxLength constraint 5 was added; Validation pattern ^a was added; and 1 more changes');
  });

  it('reads the first version of CRD objects', () => {
    const crd = (spec: OpenApiSchema) => ({ spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: root(spec) } }] } });
    expect(compareCrds(crd(obj({ a: { type: 'string' } })), crd(obj({}))).map((c) => c.path)).toEqual(['spec.a']);
  });
});
