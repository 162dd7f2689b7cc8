import type { Diagnostic } from '../diagnostics/Diagnostic.js';
import { createDiagnostic } from '../diagnostics/createDiagnostic.js';
import { isStandalone, scanExpressions } from '../cel/scanner/scanExpressions.js';
import type { OpenApiSchema } from '../schemas/OpenApiSchema.js';
import { childPath, indexPath } from '../source/fieldPath.js';
import type { LocatedNode, LocatedScalar } from '../source/LocatedNode.js';
import { closestName } from '../suggest/closestName.js';
import type { ExpressionContext, ExpressionOccurrence } from './ExpressionOccurrence.js';
import { kroChildPath } from './kroFieldPath.js';

export interface WalkTemplateInput {
  readonly resourceId: string;
  readonly context: ExpressionContext;
  readonly node: LocatedNode;
  /** Schema of the whole object; undefined to walk schemalessly (externalRefs, CRD templates, unknown kinds). */
  readonly schema: OpenApiSchema | undefined;
  readonly resolve: (schema: OpenApiSchema) => OpenApiSchema;
  /** Dotted path of the template node from the RGD root. */
  readonly documentPath: string;
  /** kro only allows expressions under `metadata` in CRD templates. */
  readonly expressionsOnlyInMetadata?: boolean;
}

export interface WalkTemplateResult {
  readonly occurrences: ExpressionOccurrence[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Walks a resource template against its kind's OpenAPI schema as kro's parser does (pkg/graph/parser/parser.go):
 * extracts every string holding `${...}` with the schema of the field it fills, and checks literal values against
 * the schema (unknown fields, wrong literal types, text where a non-string is expected). kro stops at the first
 * problem; this walk reports all of them and keeps collecting expressions.
 */
export function walkTemplate(input: WalkTemplateInput): WalkTemplateResult {
  const out: WalkTemplateResult = { occurrences: [], diagnostics: [] };
  walk(input, input.node, input.schema, '', input.documentPath, out, 0);
  return out;
}

type Expected = readonly string[];
const ANY: Expected = ['any'];

function walk(
  input: WalkTemplateInput,
  node: LocatedNode,
  rawSchema: OpenApiSchema | undefined,
  path: string,
  documentPath: string,
  out: WalkTemplateResult,
  depth: number,
): void {
  if (depth > 100) return;
  const schema = rawSchema ? input.resolve(rawSchema) : undefined;
  const at = { resourceId: input.resourceId };
  if (!schema || schema['x-kubernetes-preserve-unknown-fields'] === true) {
    walkSchemaless(input, node, path, documentPath, out, depth);
    return;
  }
  const expected = expectedTypes(schema);
  if (!expected) {
    out.diagnostics.push(createDiagnostic('template/schema', `schema at path ${path} has no valid type, OneOf, AnyOf, or AdditionalProperties`, node.span, documentPath, at));
    return;
  }
  const where = path === '' ? '' : path;
  if (node.kind === 'map') {
    const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    if (!expected.includes('object') && !additional && schema.additionalProperties !== true) {
      out.diagnostics.push(typeMismatch(expected, where, 'object', node, documentPath, input.resourceId));
      return;
    }
    for (const e of node.entries) {
      const fieldSchema = schema.properties?.[e.key] ?? additional;
      const fieldDocPath = childPath(documentPath, e.key);
      if (!fieldSchema) {
        const suggestion = closestName(e.key, Object.keys(schema.properties ?? {}));
        out.diagnostics.push(
          createDiagnostic(
            'template/unknown-field',
            `error getting field schema for path ${path === '' ? '' : `${path}.`}${e.key}: schema not found for field ${e.key}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
            e.keySpan,
            fieldDocPath,
            { ...at, ...(suggestion ? { fixes: [{ title: `Rename to "${suggestion}"`, edits: [{ span: e.keySpan, newText: suggestion }] }] } : {}) },
          ),
        );
        continue;
      }
      walk(input, e.value, fieldSchema, kroChildPath(path, e.key), fieldDocPath, out, depth + 1);
    }
    return;
  }
  if (node.kind === 'seq') {
    if (!expected.includes('array')) {
      out.diagnostics.push(typeMismatch(expected, where, 'array', node, documentPath, input.resourceId));
      return;
    }
    if (!schema.items) {
      out.diagnostics.push(createDiagnostic('template/schema', `invalid array schema for path ${path}: neither Items.Schema nor Properties are defined`, node.span, documentPath, at));
      return;
    }
    node.items.forEach((item, i) => walk(input, item, schema.items, `${path}[${i}]`, indexPath(documentPath, i), out, depth + 1));
    return;
  }
  const value = node.value;
  if (value === null) return;
  if (typeof value === 'string') {
    const occurrence = scanString(input, node, value, path, documentPath, schema, out);
    if (occurrence?.standalone) return;
    if (!expected.includes('string') && !expected.includes('any')) {
      out.diagnostics.push(typeMismatch(expected, where, 'string', node, documentPath, input.resourceId));
    }
    return;
  }
  if (expected.includes('any')) return;
  const isInt = typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value) && node.float !== true);
  const ok = expected.some((t) =>
    t === 'number' ? typeof value === 'number' || typeof value === 'bigint' : t === 'integer' || t === 'int' ? isInt : t === 'boolean' || t === 'bool' ? typeof value === 'boolean' : false,
  );
  if (!ok) {
    const actual = typeof value === 'boolean' ? 'boolean' : isInt ? 'integer' : 'float64';
    out.diagnostics.push(typeMismatch(expected, where, actual, node, documentPath, input.resourceId));
  }
}

function walkSchemaless(input: WalkTemplateInput, node: LocatedNode, path: string, documentPath: string, out: WalkTemplateResult, depth: number): void {
  if (depth > 100) return;
  if (node.kind === 'map') {
    for (const e of node.entries) walkSchemaless(input, e.value, kroChildPath(path, e.key), childPath(documentPath, e.key), out, depth + 1);
  } else if (node.kind === 'seq') {
    node.items.forEach((item, i) => walkSchemaless(input, item, `${path}[${i}]`, indexPath(documentPath, i), out, depth + 1));
  } else if (typeof node.value === 'string') {
    scanString(input, node, node.value, path, documentPath, undefined, out);
  }
}

function scanString(
  input: WalkTemplateInput,
  node: LocatedScalar,
  text: string,
  path: string,
  documentPath: string,
  schema: OpenApiSchema | undefined,
  out: WalkTemplateResult,
): ExpressionOccurrence | undefined {
  const scan = scanExpressions(text);
  if (!scan.ok) {
    const offset = node.offsetOf(scan.index);
    out.diagnostics.push(createDiagnostic('cel/nested-expression', scan.message, { start: offset, end: offset + 2 }, documentPath, { resourceId: input.resourceId }));
    return undefined;
  }
  if (scan.matches.length === 0) return undefined;
  if (input.expressionsOnlyInMetadata && !(path === 'metadata' || path.startsWith('metadata.') || path.startsWith('metadata['))) {
    out.diagnostics.push(
      createDiagnostic('template/crd-expression', `CEL expressions in CRDs are only supported for metadata fields, found in path "${path}", resource ${input.resourceId}`, node.span, documentPath, { resourceId: input.resourceId }),
    );
    return undefined;
  }
  const occurrence: ExpressionOccurrence = {
    context: input.context,
    resourceId: input.resourceId,
    path,
    documentPath,
    node,
    text,
    matches: scan.matches,
    standalone: isStandalone(text, scan.matches),
    expectedSchema: schema,
    span: node.span,
  };
  out.occurrences.push(occurrence);
  return occurrence;
}

/** The types a schema accepts for a literal (kro's getExpectedTypes); undefined when it declares none. */
function expectedTypes(schema: OpenApiSchema): Expected | undefined {
  if (schema['x-kubernetes-int-or-string'] === true) return ['string', 'integer'];
  for (const members of [schema.oneOf, schema.anyOf]) {
    if (!members || members.length === 0) continue;
    const types: string[] = [];
    for (const m of members) {
      if ((m.required && m.required.length > 0) || m.not) if (!types.includes('object')) types.push('object');
      if (m.type && !types.includes(m.type)) types.push(m.type);
    }
    if (types.length > 0) return types;
  }
  if (schema.type) return [schema.type];
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) return ANY;
  return undefined;
}

function typeMismatch(expected: Expected, path: string, actual: string, node: LocatedNode, documentPath: string, resourceId: string): Diagnostic {
  return createDiagnostic('template/literal-type', `expected ${expected.join(' or ')} type for path ${path}, got ${actual}`, node.span, documentPath, { resourceId });
}
