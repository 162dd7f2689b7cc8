import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';

/**
 * Returns a fresh copy of `schema` as kro's Go types would serialize it (`apiextensions/v1.JSONSchemaProps` through
 * `encoding/json`): keys in the Go struct's field order, map keys (`properties`, …) sorted, `omitempty` zero values
 * dropped (`required: []`, `nullable: false`, `description: ""`; a `default`/`example` of `null`), keys the Go type
 * does not have dropped. Values of `default`, `enum` and `example` are copied as they are.
 *
 * Serialising the result gives kro's key order, so generated YAML diffs cleanly against `kro generate crd` output.
 * Meaning is unchanged: every dropped key is one the API server treats as absent.
 */
export function canonicalSchema(schema: OpenApiSchema): OpenApiSchema {
  return canonical(schema) as OpenApiSchema;
}

type Json = unknown;
type JsonObject = { [key: string]: Json };

/** How `encoding/json` treats each JSONSchemaProps field, in struct order. */
type FieldKind =
  | 'string' // string, omitempty: "" dropped
  | 'pointer' // *T: kept whenever present
  | 'json' // *JSON: null dropped, value copied verbatim
  | 'bool' // bool, omitempty: false dropped
  | 'jsonList' // []JSON: empty dropped, values copied
  | 'stringList' // []string: empty dropped
  | 'schema' // *JSONSchemaProps
  | 'schemaList' // []JSONSchemaProps: empty dropped
  | 'schemaOrArray' // *JSONSchemaPropsOrArray
  | 'schemaOrBool' // *JSONSchemaPropsOrBool
  | 'schemaMap' // map[string]JSONSchemaProps: empty dropped, keys sorted
  | 'dependencies' // map[string]JSONSchemaPropsOrStringArray
  | 'externalDocs'
  | 'validations';

const FIELDS: readonly (readonly [string, FieldKind])[] = [
  ['id', 'string'],
  ['$schema', 'string'],
  ['$ref', 'pointer'],
  ['description', 'string'],
  ['type', 'string'],
  ['format', 'string'],
  ['title', 'string'],
  ['default', 'json'],
  ['maximum', 'pointer'],
  ['exclusiveMaximum', 'bool'],
  ['minimum', 'pointer'],
  ['exclusiveMinimum', 'bool'],
  ['maxLength', 'pointer'],
  ['minLength', 'pointer'],
  ['pattern', 'string'],
  ['maxItems', 'pointer'],
  ['minItems', 'pointer'],
  ['uniqueItems', 'bool'],
  ['multipleOf', 'pointer'],
  ['enum', 'jsonList'],
  ['maxProperties', 'pointer'],
  ['minProperties', 'pointer'],
  ['required', 'stringList'],
  ['items', 'schemaOrArray'],
  ['allOf', 'schemaList'],
  ['oneOf', 'schemaList'],
  ['anyOf', 'schemaList'],
  ['not', 'schema'],
  ['properties', 'schemaMap'],
  ['additionalProperties', 'schemaOrBool'],
  ['patternProperties', 'schemaMap'],
  ['dependencies', 'dependencies'],
  ['additionalItems', 'schemaOrBool'],
  ['definitions', 'schemaMap'],
  ['externalDocs', 'externalDocs'],
  ['example', 'json'],
  ['nullable', 'bool'],
  ['x-kubernetes-preserve-unknown-fields', 'pointer'],
  ['x-kubernetes-embedded-resource', 'bool'],
  ['x-kubernetes-int-or-string', 'bool'],
  ['x-kubernetes-list-map-keys', 'stringList'],
  ['x-kubernetes-list-type', 'pointer'],
  ['x-kubernetes-map-type', 'pointer'],
  ['x-kubernetes-validations', 'validations'],
];

const VALIDATION_FIELDS = ['rule', 'message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf'] as const;

function canonical(value: Json): JsonObject {
  const src = isObject(value) ? value : {};
  const out: JsonObject = {};
  for (const [key, kind] of FIELDS) {
    if (!(key in src)) continue;
    const v = convert(src[key], kind);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function convert(v: Json, kind: FieldKind): Json {
  switch (kind) {
    case 'string':
      return v === '' || v === undefined ? undefined : v;
    case 'pointer':
      return v === undefined || v === null ? undefined : v;
    case 'json':
      return v === undefined || v === null ? undefined : cloneJson(v);
    case 'bool':
      return v === false || v === undefined ? undefined : v;
    case 'jsonList':
      return Array.isArray(v) && v.length > 0 ? v.map(cloneJson) : undefined;
    case 'stringList':
      return Array.isArray(v) && v.length > 0 ? [...(v as Json[])] : undefined;
    case 'schema':
      return isObject(v) ? canonical(v) : undefined;
    case 'schemaList':
      return Array.isArray(v) && v.length > 0 ? v.map(canonical) : undefined;
    case 'schemaOrArray':
      return Array.isArray(v) ? (v.length > 0 ? v.map(canonical) : undefined) : isObject(v) ? canonical(v) : undefined;
    case 'schemaOrBool':
      return typeof v === 'boolean' ? v : isObject(v) ? canonical(v) : undefined;
    case 'schemaMap':
      return mapSorted(v, canonical);
    case 'dependencies':
      return mapSorted(v, (d) => (Array.isArray(d) ? [...(d as Json[])] : canonical(d)));
    case 'externalDocs': {
      if (!isObject(v)) return undefined;
      const docs: JsonObject = {};
      if (typeof v.description === 'string' && v.description !== '') docs.description = v.description;
      if (typeof v.url === 'string' && v.url !== '') docs.url = v.url;
      return docs;
    }
    case 'validations':
      return Array.isArray(v) && v.length > 0 ? v.map(validationRule) : undefined;
  }
}

function validationRule(v: Json): JsonObject {
  const src = isObject(v) ? v : {};
  const out: JsonObject = { rule: src.rule ?? '' };
  for (const key of VALIDATION_FIELDS.slice(1)) {
    const field = src[key];
    if (field !== undefined && field !== '' && field !== false && field !== null) out[key] = field;
  }
  return out;
}

function mapSorted(v: Json, f: (entry: Json) => Json): JsonObject | undefined {
  if (!isObject(v)) return undefined;
  const keys = Object.keys(v).sort(compareGoStrings);
  if (keys.length === 0) return undefined;
  const out: JsonObject = {};
  for (const k of keys) setKey(out, k, f(v[k]));
  return out;
}

/** Go sorts map keys by their UTF-8 bytes, i.e. by code point (UTF-16 order differs above U+FFFF). */
export function compareGoStrings(a: string, b: string): number {
  const ai = a[Symbol.iterator]();
  const bi = b[Symbol.iterator]();
  for (;;) {
    const x = ai.next();
    const y = bi.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
}

/** Deep copy of JSON data, so the CRD never shares objects with its inputs. */
export function cloneJson<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneJson) as T;
  if (isObject(v)) {
    const out: JsonObject = {};
    for (const [k, x] of Object.entries(v)) setKey(out, k, cloneJson(x));
    return out as T;
  }
  return v;
}

/** Assignment that also works for a key named `__proto__` (user data may have one). */
export function setKey(obj: JsonObject, key: string, value: Json): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(v: Json): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
