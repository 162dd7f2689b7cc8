import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import type { LocatedNode } from '../source/LocatedNode.js';

type Expectation =
  | 'schema'
  | 'schemaMap'
  | 'schemaList'
  | 'schemaOrBoolean'
  | 'boolean'
  | 'number'
  | 'string'
  | 'list'
  | 'stringList'
  | readonly string[];

const TYPES = ['object', 'array', 'string', 'integer', 'number', 'boolean'] as const;

/** What each keyword of a CRD's OpenAPI v3 schema must hold (`JSONSchemaProps` in apiextensions.k8s.io/v1). */
const KEYWORDS: Readonly<Record<string, Expectation>> = {
  type: TYPES,
  properties: 'schemaMap',
  additionalProperties: 'schemaOrBoolean',
  items: 'schema',
  allOf: 'schemaList',
  anyOf: 'schemaList',
  oneOf: 'schemaList',
  not: 'schema',
  required: 'stringList',
  enum: 'list',
  format: 'string',
  pattern: 'string',
  description: 'string',
  title: 'string',
  minimum: 'number',
  maximum: 'number',
  exclusiveMinimum: 'boolean',
  exclusiveMaximum: 'boolean',
  multipleOf: 'number',
  minLength: 'number',
  maxLength: 'number',
  minItems: 'number',
  maxItems: 'number',
  minProperties: 'number',
  maxProperties: 'number',
  uniqueItems: 'boolean',
  nullable: 'boolean',
  'x-kubernetes-preserve-unknown-fields': 'boolean',
  'x-kubernetes-int-or-string': 'boolean',
  'x-kubernetes-embedded-resource': 'boolean',
  'x-kubernetes-list-type': ['atomic', 'set', 'map'],
  'x-kubernetes-list-map-keys': 'stringList',
  'x-kubernetes-map-type': ['atomic', 'granular'],
  'x-kubernetes-validations': 'list',
};

/**
 * Checks the shape of a CRD's `openAPIV3Schema` (keyword types, `type` names, no `$ref`) and reports each problem at
 * its node. It does not re-implement the API server's structural-schema rules; it catches what would make the
 * schema unreadable for typing (a misspelt `type`, `properties` that is a list, …). Nesting is already bounded by
 * the source parser's depth limit.
 */
export function checkCrdSchema(node: LocatedNode, path: string, diagnostics: Diagnostic[]): void {
  if (node.kind !== 'map') {
    diagnostics.push(createDiagnostic('schema/invalid-crd', `${path} must be a schema object, got ${describe(node)}`, node.span, path));
    return;
  }
  for (const entry of node.entries) {
    const here = `${path}.${entry.key}`;
    if (entry.key === '$ref') {
      diagnostics.push(createDiagnostic('schema/invalid-crd', `${here}: $ref is not allowed in CRD schemas; inline the referenced schema`, entry.keySpan, here));
      continue;
    }
    const expected = KEYWORDS[entry.key];
    if (expected !== undefined) checkKeyword(entry.value, expected, here, diagnostics);
  }
}

function checkKeyword(value: LocatedNode, expected: Expectation, path: string, diagnostics: Diagnostic[]): void {
  const fail = (what: string): void => {
    diagnostics.push(createDiagnostic('schema/invalid-crd', `${path} must be ${what}, got ${describe(value)}`, value.span, path));
  };
  if (typeof expected !== 'string') {
    if (value.kind !== 'scalar' || typeof value.value !== 'string' || !expected.includes(value.value)) {
      fail(`one of ${expected.map((e) => `"${e}"`).join(', ')}`);
    }
    return;
  }
  switch (expected) {
    case 'schema':
      if (value.kind === 'seq') fail('a single schema (tuple-style items lists are not allowed in CRDs)');
      else checkCrdSchema(value, path, diagnostics);
      return;
    case 'schemaOrBoolean':
      if (value.kind === 'scalar' && typeof value.value === 'boolean') return;
      checkCrdSchema(value, path, diagnostics);
      return;
    case 'schemaMap':
      if (value.kind !== 'map') return fail('a map of property names to schemas');
      for (const e of value.entries) checkCrdSchema(e.value, `${path}.${e.key}`, diagnostics);
      return;
    case 'schemaList':
      if (value.kind !== 'seq') return fail('a list of schemas');
      value.items.forEach((item, i) => checkCrdSchema(item, `${path}[${i}]`, diagnostics));
      return;
    case 'list':
      if (value.kind !== 'seq') fail('a list');
      return;
    case 'stringList':
      if (value.kind !== 'seq') return fail('a list of strings');
      value.items.forEach((item, i) => {
        if (item.kind !== 'scalar' || typeof item.value !== 'string') {
          diagnostics.push(createDiagnostic('schema/invalid-crd', `${path}[${i}] must be a string, got ${describe(item)}`, item.span, `${path}[${i}]`));
        }
      });
      return;
    case 'boolean':
      if (value.kind !== 'scalar' || typeof value.value !== 'boolean') fail('a boolean');
      return;
    case 'number':
      if (value.kind !== 'scalar' || (typeof value.value !== 'number' && typeof value.value !== 'bigint')) fail('a number');
      return;
    case 'string':
      if (value.kind !== 'scalar' || typeof value.value !== 'string') fail('a string');
      return;
  }
}

/** A short, user-facing description of what a node holds. */
export function describe(node: LocatedNode): string {
  if (node.kind === 'map') return 'a map';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'null';
  if (typeof node.value === 'string') return `"${node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value}"`;
  return String(node.value);
}
