import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../../schemas/createSchemaRegistry.js';
import { BOOL_TYPE, DYN_TYPE, STRING_TYPE, listType, mapType, optionalType, primitiveType, type CelType } from './CelType.js';
import { isAssignableType, isBoolOrOptionalBool, listElementType, structuralIncompatibility, typeMismatch } from './checkTypeCompatibility.js';
import { createCheckScope } from './createCheckScope.js';

const registry = createSchemaRegistry().value;
const kindSchema = (apiVersion: string, kind: string) => registry.lookup(apiVersion, kind)!.schema;
const scope = createCheckScope(
  [
    { id: 'web', schema: kindSchema('apps/v1', 'Deployment'), collection: false },
    { id: 'other', schema: kindSchema('apps/v1', 'Deployment'), collection: false },
    { id: 'workers', schema: kindSchema('apps/v1', 'Deployment'), collection: true },
  ],
  {
    scope: 'Namespaced',
    objectMeta: kindSchema('v1', 'ConfigMap').properties!.metadata!,
    specSchema: { type: 'object', properties: { config: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
  },
  registry.resolve,
);
const u = scope.universe;
const obj = (name: string): CelType => ({ kind: 'object', name });
const INT = primitiveType('int');
const CONTAINER = obj('__type_web.spec.template.spec.containers.@idx');
const PORT = obj('__type_web.spec.template.spec.containers.@idx.ports.@idx');

describe('isAssignableType (cel-go IsAssignableType)', () => {
  it('lets dyn accept anything but never be accepted by a concrete type', () => {
    expect(isAssignableType(DYN_TYPE, listType(INT))).toBe(true);
    expect(isAssignableType(BOOL_TYPE, DYN_TYPE)).toBe(false);
    expect(isAssignableType(listType(STRING_TYPE), listType(DYN_TYPE))).toBe(false);
    expect(isAssignableType(listType(DYN_TYPE), listType(STRING_TYPE))).toBe(true);
    expect(isAssignableType(CONTAINER, obj('__type_web.spec.template.spec.containers.@idx'))).toBe(true);
    expect(isAssignableType(CONTAINER, obj('__type_other.spec.template.spec.containers.@idx'))).toBe(false);
  });

  it('accepts exactly bool or optional_type(bool) for includeWhen/readyWhen', () => {
    expect(isBoolOrOptionalBool(BOOL_TYPE)).toBe(true);
    expect(isBoolOrOptionalBool(optionalType(BOOL_TYPE))).toBe(true);
    expect(isBoolOrOptionalBool(DYN_TYPE)).toBe(false);
    expect(isBoolOrOptionalBool(optionalType(DYN_TYPE))).toBe(false);
    expect(isBoolOrOptionalBool(STRING_TYPE)).toBe(false);
  });

  it('finds list element types and nothing else (dyn is not a list)', () => {
    expect(listElementType(listType(STRING_TYPE))).toBe(STRING_TYPE);
    expect(listElementType(DYN_TYPE)).toBeUndefined();
    expect(listElementType(mapType(STRING_TYPE, INT))).toBeUndefined();
  });
});

describe('structural compatibility (kro pkg/cel/compatibility.go)', () => {
  it('reports primitive kind mismatches in kro words', () => {
    expect(typeMismatch(INT, STRING_TYPE, u)).toBe('type kind mismatch: got "int", expected "string"');
    expect(typeMismatch(INT, primitiveType('double'), u)).toBe('type kind mismatch: got "int", expected "double"');
    expect(typeMismatch(STRING_TYPE, primitiveType('bytes'), u)).toBe('type kind mismatch: got "string", expected "bytes"');
    expect(typeMismatch(STRING_TYPE, primitiveType('timestamp'), u)).toBe('type kind mismatch: got "string", expected "google.protobuf.Timestamp"');
  });

  it('accepts dyn on either side and unwraps optional outputs', () => {
    expect(typeMismatch(DYN_TYPE, STRING_TYPE, u)).toBeUndefined();
    expect(typeMismatch(listType(INT), DYN_TYPE, u)).toBeUndefined();
    expect(typeMismatch(optionalType(STRING_TYPE), STRING_TYPE, u)).toBeUndefined();
    expect(typeMismatch(listType(DYN_TYPE), listType(STRING_TYPE), u)).toBeUndefined();
  });

  it('compares list elements and map keys/values', () => {
    expect(typeMismatch(listType(INT), listType(STRING_TYPE), u)).toBe('list element type incompatible: type kind mismatch: got "int", expected "string"');
    expect(typeMismatch(STRING_TYPE, listType(STRING_TYPE), u)).toBe('list parameter count mismatch: got 0, expected 1');
    expect(typeMismatch(mapType(STRING_TYPE, INT), mapType(STRING_TYPE, STRING_TYPE), u)).toBe('map value type incompatible: type kind mismatch: got "int", expected "string"');
    expect(typeMismatch(listType(STRING_TYPE), mapType(STRING_TYPE, STRING_TYPE), u)).toBe('map parameter count mismatch: got 1, expected 2');
    // Quirk: a map output against a list compares the map's key type with the element type.
    expect(typeMismatch(mapType(STRING_TYPE, INT), listType(STRING_TYPE), u)).toBeUndefined();
  });

  it('accepts a struct that is a subset of the expected struct, field by field', () => {
    expect(typeMismatch(obj('__type_other.spec.template.spec.containers.@idx'), CONTAINER, u)).toBeUndefined();
    expect(typeMismatch(CONTAINER, PORT, u)).toBe('field "args" exists in output but not in expected type');
  });

  it('accepts anything kro cannot resolve by name: collections, scalars, preserve-unknown structs', () => {
    // Collections are list roots, which kro's provider does not find by name.
    expect(typeMismatch(obj('__type_workers.@idx.spec.template.spec.containers.@idx'), PORT, u)).toBeUndefined();
    expect(typeMismatch(CONTAINER, obj('__type_workers.spec.template.spec.containers.@idx.ports.@idx'), u)).toBeUndefined();
    // Quirk: a scalar output resolves to a field-less type, which is a subset of any struct.
    expect(typeMismatch(STRING_TYPE, CONTAINER, u)).toBeUndefined();
    expect(typeMismatch(CONTAINER, obj('__type_schema.spec.config'), u)).toBeUndefined();
  });

  it('requires string keys and values fitting every field for a map into a struct', () => {
    expect(typeMismatch(mapType(STRING_TYPE, STRING_TYPE), CONTAINER, u)).toBe(
      'map value incompatible with struct field "args": list parameter count mismatch: got 0, expected 1',
    );
    expect(typeMismatch(mapType(STRING_TYPE, DYN_TYPE), CONTAINER, u)).toBeUndefined();
    expect(typeMismatch(mapType(DYN_TYPE, DYN_TYPE), CONTAINER, u)).toBe('map keys must be strings to assign to struct');
  });

  it('requires every struct field to fit the value type for a struct into a map', () => {
    const labels = mapType(STRING_TYPE, STRING_TYPE);
    expect(typeMismatch(PORT, labels, u)).toBe('struct field "containerPort" incompatible with map value type: type kind mismatch: got "int", expected "string"');
    expect(typeMismatch(PORT, mapType(STRING_TYPE, DYN_TYPE), u)).toBeUndefined();
    expect(structuralIncompatibility(PORT, mapType(INT, DYN_TYPE), u)).toBe('map key type must be string when assigning struct → map');
  });
});
